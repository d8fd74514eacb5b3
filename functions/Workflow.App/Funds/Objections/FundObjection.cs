namespace Workflow.App.Funds.Objections;

/// <summary>
/// 资金公示异议: an objection a villager files from a township's 资金公告公示 (001: “接受群众和社会监督”), and how the county
/// office answered it once it had looked into it (核实处理). The contact is for that check only and is never published.
/// </summary>
public sealed record FundObjection(
    string CountyCode,
    string TownshipCode,
    string Township,
    string ObjectionId,
    string Contact,
    string Reason,
    DateTimeOffset FiledAt,
    string? HandledBy = null,
    DateTimeOffset? HandledAt = null,
    string? Reply = null)
{
    public bool IsHandled => HandledAt is not null;
}
