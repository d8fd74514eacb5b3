namespace Workflow.App.Monitoring;

/// <summary>
/// Settings of monthly monitoring (section "Monitoring"). No seed says when a cadre is reminded of a check not yet
/// done: 004 asks for one check a month (“每月一次监测研判”) and nothing more, so the reminder's timing is an assumption the county sets.
/// </summary>
public sealed class MonitoringOptions
{
    public const string Section = "Monitoring";

    /// <summary>
    /// Assumption: the cadre is reminded this many working days before the month's last day (3: one working week's
    /// slack is too little to visit again, three days lets a missed visit still be made). A check still missing at the
    /// end of the month's last day is escalated to the township.
    /// </summary>
    public int ReminderWorkingDaysBeforeMonthEnd { get; set; } = 3;
}
