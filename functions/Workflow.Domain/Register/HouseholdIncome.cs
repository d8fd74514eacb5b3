namespace Workflow.Domain.Register;

/// <summary>A household's income figures for one year, in yuan (人均纯收入 and 家庭年纯收入).</summary>
public sealed record HouseholdIncome
{
    public HouseholdIncome(int year, decimal perCapitaNetIncome, decimal? netIncome = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(perCapitaNetIncome);
        if (netIncome is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(netIncome), netIncome, "Net income cannot be negative.");
        }

        Year = year;
        PerCapitaNetIncome = perCapitaNetIncome;
        NetIncome = netIncome;
    }

    public int Year { get; }

    /// <summary>人均纯收入 — what the household income indicator is tested on.</summary>
    public decimal PerCapitaNetIncome { get; }

    /// <summary>家庭年纯收入, when the county records it.</summary>
    public decimal? NetIncome { get; }
}
