using Workflow.Domain.Monitoring;

namespace Workflow.App.Monitoring.Changes;

/// <summary>
/// 调整变动 — one household's change in the month, with its reason (每名贫困人口调整变动原因).
/// </summary>
/// <param name="People">The people it changes: the household's size, or for a death the members who died.</param>
/// <param name="CaseId">The entry or exit case behind it; null for a death, which a monthly check reports.</param>
/// <param name="Date">挂号 or 销号 date, or for a death the date of the check that reported it (Beijing).</param>
public sealed record ChangeLine(
    ChangeKind Kind, string TownshipCode, string Township, string VillageCode, string Village, string HouseholdNumber, string HeadName, int People, string? CaseId, DateOnly Date, string Reason);

/// <summary>Households and people of one kind of change.</summary>
public sealed record ChangeCount(int Households, int People);

/// <summary>A township's changes in the month, and its counts by kind.</summary>
public sealed record TownshipChanges(string TownshipCode, string Township, IReadOnlyList<ChangeLine> Lines)
{
    public ChangeCount Count(ChangeKind kind) => ChangeReport.CountOf(Lines.Where(l => l.Kind == kind));
}

/// <summary>
/// 月度变动报告 — a county's month of changes per township with the county's totals. Seed 002_5f21325f1a4d38f3.txt:
/// “指派专人每月统计一次辖区内新发生的符合纳入条件贫困人口、返贫人口、自然死亡贫困人口数量，详细记录每名贫困人口调整变动原因，月底前上报扶贫办。”
/// Every township of the county has a line, a township with no change too (a nil return is a return).
/// </summary>
public sealed record ChangeReport(string CountyCode, string County, MonitoringMonth Month, IReadOnlyList<TownshipChanges> Townships)
{
    public static IReadOnlyList<ChangeKind> Kinds { get; } = Enum.GetValues<ChangeKind>();

    public IEnumerable<ChangeLine> Lines => Townships.SelectMany(t => t.Lines);

    public ChangeCount Total(ChangeKind kind) => CountOf(Lines.Where(l => l.Kind == kind));

    internal static ChangeCount CountOf(IEnumerable<ChangeLine> lines)
    {
        var list = lines.ToList();
        return new ChangeCount(list.Select(l => l.HouseholdNumber).Distinct(StringComparer.Ordinal).Count(), list.Sum(l => l.People));
    }
}
