using Workflow.App.Durable;
using Workflow.Domain.Monitoring;

namespace Workflow.App.Monitoring.Orchestration;

/// <summary>One county's round for one month, with the reminder's timing fixed when it started (so a replay reads the same).</summary>
/// <param name="ReminderWorkingDays">Working days before the month's last day that the cadres of missing checks are reminded.</param>
public sealed record MonitoringRoundInput(string CountyCode, int Year, int Month, int ReminderWorkingDays)
{
    public MonitoringMonth Of() => new(Year, Month);
}

/// <summary>What opening the round found: the households asked, those already checked (a round restarted), and the clock.</summary>
public sealed record RoundOpened(IReadOnlyList<string> Households, IReadOnlyList<string> AlreadyChecked, CountyClockReading Clock);

/// <summary>A round's progress, its custom status: how many were asked, how many have filed, and what the round has done.</summary>
public sealed record RoundProgress(int Asked, int Checked, bool Reminded, bool Escalated);

/// <summary>How a round ended: checks missing at month end (escalated), or none.</summary>
public sealed record RoundResult(int Asked, int Checked, int Escalated);
