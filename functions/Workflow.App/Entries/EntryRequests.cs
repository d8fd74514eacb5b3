namespace Workflow.App.Entries;

/// <summary>One member of a household proposed for 新识别.</summary>
/// <param name="Relationship">与户主关系 as the register writes it (户主, 配偶, 之子 …).</param>
public sealed record NewEntryMember(string? Name, string? IdNumber, string? Relationship);

/// <summary>
/// 新识别: a household not on the register, applied for or proposed by its village. The township and village are
/// given by name or code; the members include the head (户主) with their 身份证号.
/// </summary>
/// <param name="Cause">致贫原因 as the register writes it (因病, 因灾 …).</param>
/// <param name="PerCapitaNetIncome">人均纯收入 this year, yuan.</param>
/// <param name="ResponsibleCadre">帮扶责任人.</param>
/// <param name="Reason">Why the household is proposed.</param>
/// <param name="SuddenHardship">
/// 即时纳入: the sudden hardship (因病因灾等) that brings the household on outside the annual 动态调整; required then.
/// </param>
/// <param name="HouseholdNumber">户编号 to give the household; when absent one is made from the village and the head.</param>
public sealed record NewEntryRequest(
    string? Township,
    string? Village,
    IReadOnlyList<NewEntryMember>? Members,
    string? Cause,
    decimal? PerCapitaNetIncome,
    string? ResponsibleCadre,
    string? Reason,
    string? SuddenHardship = null,
    string? HouseholdNumber = null);

/// <summary>
/// 返贫: an exited household proposed for registration again, by a monitoring alert or by a township.
/// </summary>
/// <param name="ProposedBy">Who proposes it (a township, or the monitoring check's cadre).</param>
/// <param name="Source">What raised it, e.g. "监测预警" or "乡镇提名".</param>
public sealed record RelapseRequest(string? HouseholdNumber, string? Reason, string? ProposedBy, string? Source);
