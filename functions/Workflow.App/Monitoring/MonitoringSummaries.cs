using Workflow.Domain.Monitoring;
using Workflow.Domain.Register;

namespace Workflow.App.Monitoring;

/// <summary>One township's line of a month's round: households asked, checks filed, missing, alerting.</summary>
public sealed record TownshipMonth(string TownshipCode, string Township, int Asked, int Checked, int Alerts)
{
    public int Missing => Asked - Checked;
}

/// <summary>A month's round per township, with its total, and the entries behind it.</summary>
public sealed record MonthSummary(MonitoringMonth Month, IReadOnlyList<TownshipMonth> Townships, TownshipMonth Total, IReadOnlyList<RoundEntry> Entries);

/// <summary>
/// One township's 一季一排查 line: households asked in the quarter, those checked in each of its three months, alerts by
/// reason (the failed indicator's code), risks by kind, and members who died (what 002's month-end report counts).
/// </summary>
public sealed record TownshipQuarter(
    string TownshipCode,
    string Township,
    int Households,
    int CheckedEveryMonth,
    int Checks,
    int AlertingChecks,
    IReadOnlyDictionary<string, int> AlertsByReason,
    IReadOnlyDictionary<RiskKind, int> RisksByKind,
    int MembersDied);

/// <summary>一季一排查 — a quarter's three rounds per township, with the total.</summary>
public sealed record QuarterSummary(int Year, int Quarter, IReadOnlyList<TownshipQuarter> Townships, TownshipQuarter Total)
{
    /// <summary>The reasons an alert can give, in the order the tables show them, by the indicator codes of the standard.</summary>
    public static IReadOnlyList<(string Code, string Label)> Reasons { get; } =
    [
        ("income", "收入未超过标准"), ("food", "不愁吃"), ("clothing", "不愁穿"), ("education", "义务教育"),
        ("medical", "基本医疗"), ("housing", "住房安全"), ("water", "饮水安全"),
    ];

    public static IReadOnlyList<RiskKind> Risks { get; } = Enum.GetValues<RiskKind>();

    public static string RiskLabel(RiskKind kind) => ChineseTerms.Of(kind);
}

/// <summary>A 帮扶责任人's checks not filed in the months asked about: the households and months.</summary>
public sealed record CadreMissedChecks(Cadre Cadre, IReadOnlyList<(MonitoringMonth Month, string HouseholdNumber, string HeadName)> Missed);
