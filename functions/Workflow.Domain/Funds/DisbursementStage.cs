using Workflow.Domain.Register;

namespace Workflow.Domain.Funds;

/// <summary>The three hand-overs of an allocation (资金拨付环节), each with its own holder and deadline (003).</summary>
public enum DisbursementStage
{
    /// <summary>县财政→镇财政所: within 15 days of the allocation.</summary>
    [ChineseTerm("县财政拨付至镇财政所")] CountyToFinanceOffice,

    /// <summary>镇财政所→镇经管部门(站): within 5 working days of receiving it.</summary>
    [ChineseTerm("镇财政所拨付至镇经管站")] FinanceToEconomicOffice,

    /// <summary>镇经管站→项目村: a village's approved payment request, within 5 working days of approval.</summary>
    [ChineseTerm("镇经管站拨付至项目村")] VillagePayment,
}
