using System.Globalization;

namespace Workflow.Domain.Loans;

/// <summary>What a loan exceeds of 000's limits (5 万元以下、3 年以内).</summary>
public enum LoanExcess
{
    /// <summary>超过 5 万元.</summary>
    OverAmount,

    /// <summary>期限超过 3 年.</summary>
    OverTerm,
}

/// <summary>The flags in zh-CN, with the limit in force.</summary>
public static class LoanExcessText
{
    public static string Of(LoanExcess flag, LoanRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return flag switch
        {
            LoanExcess.OverAmount => $"金额超过 {rules.MaxAmount.Value.ToString("N0", CultureInfo.InvariantCulture)} 元",
            _ => $"期限超过 {rules.MaxTermYears.Value} 年",
        };
    }
}
