namespace Workflow.App.Entries;

/// <summary>
/// 动态调整窗口 — the county office's annual dynamic adjustment, open from when it opens it until it closes it. Seed 001:
/// "每年开展一次贫困人口动态调整". While it is open a 新识别 is 动态调整; outside it, only 即时纳入 for sudden hardship.
/// </summary>
public sealed record EntryWindow(string CountyCode, int Year, string OpenedBy, DateTimeOffset OpenedAt, string? ClosedBy, DateTimeOffset? ClosedAt)
{
    public bool IsOpen => ClosedAt is null;
}
