using Workflow.Storage.Tables;
using Xunit;

namespace Workflow.Storage.Tests.Tables;

public sealed class TableFilterTests
{
    public static TheoryData<object, string> Literals => new()
    {
        { "O'Brien", "Name eq 'O''Brien'" },
        { "x' or PartitionKey ne '", "Name eq 'x'' or PartitionKey ne '''" },
        { "建档立卡", "Name eq '建档立卡'" },
        { 42, "Name eq 42" },
        { -7, "Name eq -7" },
        { 9_007_199_254_740_993L, "Name eq 9007199254740993L" },
        { 2.0, "Name eq 2.0" },
        { -0.5, "Name eq -0.5" },
        { 1e-5, "Name eq 0.00001" },
        { -2.5e-7, "Name eq -0.00000025" },
        { 1.5e20, "Name eq 150000000000000000000.0" },
        { 1.25e3, "Name eq 1250.0" },
        { true, "Name eq true" },
        { false, "Name eq false" },
        { new DateTimeOffset(2024, 1, 2, 11, 4, 5, TimeSpan.FromHours(8)).AddTicks(1), "Name eq datetime'2024-01-02T03:04:05.0000001Z'" },
        { new Guid("0f8fad5b-d9cb-469f-a165-70867728950e"), "Name eq guid'0f8fad5b-d9cb-469f-a165-70867728950e'" },
        { new byte[] { 0x00, 0xAB, 0xFF }, "Name eq X'00abff'" },
    };

    [Theory]
    [MemberData(nameof(Literals))]
    public void Values_are_written_as_odata_literals(object value, string expected)
    {
        Assert.Equal(expected, TableFilter.Equal("Name", value).ToString());
    }

    [Fact]
    public void Comparisons_combine_with_parentheses()
    {
        var filter = TableFilter.Equal("PartitionKey", "p")
            .And(TableFilter.GreaterThanOrEqual("RowKey", "a").Or(TableFilter.LessThan("RowKey", "b")))
            .And(TableFilter.NotEqual("N", 1).And(TableFilter.GreaterThan("N", 0)).And(TableFilter.LessThanOrEqual("N", 9)));

        Assert.Equal(
            "((PartitionKey eq 'p') and ((RowKey ge 'a') or (RowKey lt 'b'))) and (((N ne 1) and (N gt 0)) and (N le 9))",
            filter.ToString());
    }

    [Fact]
    public void Create_writes_each_hole_as_a_literal()
    {
        var pk = "O'Brien";
        var since = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var filter = TableFilter.Create($"PartitionKey eq {pk} and Count ge {5L} and Time lt {since}");

        Assert.Equal(
            "PartitionKey eq 'O''Brien' and Count ge 5L and Time lt datetime'2024-01-01T00:00:00.0000000Z'",
            filter.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("1st")]
    [InlineData("Name eq 'x' or true")]
    [InlineData("a-b")]
    [InlineData("odata.etag")]
    public void Property_names_must_be_identifiers(string property)
    {
        var error = Assert.Throws<ArgumentException>(() => TableFilter.Equal(property, "x"));

        Assert.Contains("property name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_of_other_types_and_null_and_non_finite_doubles_are_refused()
    {
        Assert.Throws<ArgumentException>(() => TableFilter.Equal("Time", DateTime.UtcNow));
        Assert.Throws<ArgumentException>(() => TableFilter.Equal("Amount", 1.5m));
        Assert.Throws<ArgumentException>(() => TableFilter.Equal("Amount", double.NaN));
        Assert.Throws<ArgumentException>(() => TableFilter.Equal("Name", null!));
        Assert.Throws<ArgumentException>(() => TableFilter.Create($"Name eq {(string?)null}"));
    }
}
