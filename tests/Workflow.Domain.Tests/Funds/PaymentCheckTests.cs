using Workflow.Domain.Funds;

namespace Workflow.Domain.Tests.Funds;

public class PaymentCheckTests
{
    [Theory]
    [InlineData("0", "金额必须大于零。")]
    [InlineData("-100", "金额必须大于零。")]
    [InlineData("100.001", "金额最多保留两位小数（分）。")]
    [InlineData("100000.01", "金额 100,000.01 元超过尚未拨付的 100,000.00 元。")]
    public void A_payment_of_nothing_of_less_than_nothing_of_fractions_of_a_fen_or_of_more_than_is_left_is_refused_in_Chinese(string amount, string problem) =>
        Assert.Equal(problem, PaymentCheck.Problem(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), 100_000m));

    [Theory]
    [InlineData("100000")]
    [InlineData("0.01")]
    public void A_payment_within_what_is_left_is_taken(string amount) =>
        Assert.Null(PaymentCheck.Problem(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), 100_000m));

    [Theory]
    [InlineData("12,000.50", "12000.50")]
    [InlineData(" 12000 ", "12000")]
    [InlineData("-3", "-3")]
    public void Amounts_are_read_as_typed(string typed, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), PaymentCheck.Parse(typed));

    [Theory]
    [InlineData("")]
    [InlineData("十万")]
    [InlineData("1e5")]
    [InlineData("999999999999999")]
    public void What_is_not_an_amount_reads_as_none(string typed) => Assert.Null(PaymentCheck.Parse(typed));
}
