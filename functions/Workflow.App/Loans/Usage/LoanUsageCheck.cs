namespace Workflow.App.Loans.Usage;

/// <summary>贷款使用情况检查: one loan's monthly check by its township (002): used for 产业发展 or not, with a note.</summary>
/// <param name="Month">The month checked, yyyy-MM.</param>
public sealed record LoanUsageCheck(
    string CountyCode, string TownshipCode, string Month, string LoanNumber, bool UsedForIndustry, string Note, string CheckedBy, DateTimeOffset CheckedAt);
