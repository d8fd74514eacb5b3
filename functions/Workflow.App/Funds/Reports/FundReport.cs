namespace Workflow.App.Funds.Reports;

/// <summary>资金使用情况月报: a township's confirmed monthly fund-use report, with the totals it confirmed and its note.</summary>
public sealed record FundReport(string CountyCode, string TownshipCode, string Month, decimal Allocated, decimal Paid, string Note, string ConfirmedBy,
    DateTimeOffset ConfirmedAt);
