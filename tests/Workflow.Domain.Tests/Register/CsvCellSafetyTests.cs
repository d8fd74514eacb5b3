using Workflow.Domain.Register;

namespace Workflow.Domain.Tests.Register;

public class CsvCellSafetyTests
{
    [Theory]
    [InlineData("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0")]
    [InlineData("+SUM(A1:A2)", "'+SUM(A1:A2)")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1+1", "'\t=1+1")]
    [InlineData("\r=1+1", "'\r=1+1")]
    [InlineData("=HYPERLINK(\"http://x\",\"点击\")", "'=HYPERLINK(\"http://x\",\"点击\")")]
    public void FormulaLookingCellsArePrefixedSoTheyStayText(string cell, string expected)
    {
        Assert.True(CsvCellSafety.LooksLikeFormula(cell));
        Assert.Equal(expected, CsvCellSafety.Neutralise(cell));
    }

    [Theory]
    [InlineData("李建国")]
    [InlineData("3600")]
    [InlineData("-12.5")]
    [InlineData("+3")]
    [InlineData("a=b")]
    [InlineData("")]
    public void OrdinaryCellsAndSignedNumbersAreLeftAlone(string cell)
    {
        Assert.False(CsvCellSafety.LooksLikeFormula(cell));
        Assert.Equal(cell, CsvCellSafety.Neutralise(cell));
    }

    [Fact]
    public void NullBecomesEmpty() => Assert.Equal(string.Empty, CsvCellSafety.Neutralise(null));
}
