using Workflow.Domain.Funds;

namespace Workflow.App.Funds;

/// <summary>
/// Who holds each step, written role@place like every recipient, and named as pages show them: 县财政局 at the county,
/// the township's 财政所 and 经管站 at the township, the county office (扶贫办) that gets copies of 督办单.
/// </summary>
public static class FundRecipients
{
    public static string CountyOffice(FundAllocation allocation) => $"CountyOfficer@{Check(allocation).CountyCode}";

    /// <summary>Who pays a step: 县财政局 for step 1, the 财政所 for step 2, the 经管站 for a village payment.</summary>
    public static string Payer(FundAllocation allocation, DisbursementStage stage) => stage switch
    {
        DisbursementStage.CountyToFinanceOffice => $"CountyFinance@{Check(allocation).CountyCode}",
        DisbursementStage.FinanceToEconomicOffice => $"FinanceOffice@{Check(allocation).TownshipCode}",
        _ => EconomicOffice(allocation),
    };

    /// <summary>The township's 经管站: enters and approves the villages' payment requests, and pays them.</summary>
    public static string EconomicOffice(FundAllocation allocation) => $"EconomicOffice@{Check(allocation).TownshipCode}";

    /// <summary>The payer as a page names it, e.g. 碧城镇财政所.</summary>
    public static string NameOf(FundAllocation allocation, DisbursementStage stage) => stage switch
    {
        DisbursementStage.CountyToFinanceOffice => "县财政局",
        DisbursementStage.FinanceToEconomicOffice => $"{Check(allocation).Township}财政所",
        _ => $"{Check(allocation).Township}经管站",
    };

    /// <summary>Who receives a step's money, e.g. 碧城镇经管站, 竹湖村.</summary>
    public static string PayeeOf(FundAllocation allocation, DisbursementStep step) => step.Stage switch
    {
        DisbursementStage.CountyToFinanceOffice => $"{Check(allocation).Township}财政所",
        DisbursementStage.FinanceToEconomicOffice => $"{Check(allocation).Township}经管站",
        _ => step.Village ?? "项目村",
    };

    private static FundAllocation Check(FundAllocation allocation)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        return allocation;
    }
}
