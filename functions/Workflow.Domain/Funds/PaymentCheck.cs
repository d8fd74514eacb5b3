using System.Globalization;

namespace Workflow.Domain.Funds;

/// <summary>
/// What a payment or a payment request may be: more than nothing, and no more than what is left to pay. The message is
/// shown to the person who entered it; nothing is recorded when there is one.
/// </summary>
public static class PaymentCheck
{
    /// <summary>The largest amount taken: a township allocation beyond a hundred billion yuan is a typing error.</summary>
    public const decimal MaxAmount = 100_000_000_000m;

    /// <summary>Null when <paramref name="amount"/> may be paid out of <paramref name="left"/>; otherwise why not, in zh-CN.</summary>
    public static string? Problem(decimal amount, decimal left) =>
        amount <= 0 ? "金额必须大于零。"
        : decimal.Round(amount, 2) != amount ? "金额最多保留两位小数（分）。"
        : amount > left ? $"金额 {Yuan(amount)} 元超过尚未拨付的 {Yuan(left)} 元。"
        : null;

    /// <summary>Reads an amount as typed (“12,000.50”, “12000”); null when it is not a number.</summary>
    public static decimal? Parse(string? text)
    {
        var cleaned = (text ?? string.Empty).Trim().Replace(",", string.Empty, StringComparison.Ordinal).Replace("，", string.Empty, StringComparison.Ordinal);
        return decimal.TryParse(cleaned, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
               && Math.Abs(value) <= MaxAmount ? value : null;
    }

    /// <summary>An amount as shown: 12,000.50.</summary>
    public static string Yuan(decimal amount) => amount.ToString("#,0.00", CultureInfo.InvariantCulture);
}
