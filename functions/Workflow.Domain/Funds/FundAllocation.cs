namespace Workflow.Domain.Funds;

/// <summary>
/// 资金分配: special poverty funds the county allocates to one township, as its allocation document (文号) says.
/// </summary>
/// <param name="Source">资金来源, e.g. 中央财政专项扶贫资金.</param>
/// <param name="Amount">金额, in yuan (元).</param>
/// <param name="DocumentNumber">文号 of the allocation document.</param>
/// <param name="AllocatedOn">The allocation's date: step 1's 15 days run from it.</param>
public sealed record FundAllocation(
    string AllocationId,
    string CountyCode,
    string TownshipCode,
    string Township,
    string Source,
    decimal Amount,
    string DocumentNumber,
    DateOnly AllocatedOn);
