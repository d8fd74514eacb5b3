using Workflow.Domain.Calendar;
using Workflow.Domain.Funds;
using Workflow.Domain.Rectification;

namespace Workflow.App.Funds;

/// <summary>
/// The deadlines as this deployment runs them: the shipped rule set with the configured reminder lead, the ledger's
/// 督办单 policy with the configured working days, and the working-day calendar from the services (a test injects its own).
/// </summary>
public sealed class FundDeadlines(IConfiguration configuration, WorkingCalendar calendar)
{
    public const string ReminderSetting = "Funds:ReminderDaysBefore";
    public const string SupervisionSetting = "Funds:SupervisionWorkingDays";
    public const string ReportSetting = "Funds:ReportWorkingDaysAfterMonthEnd";

    /// <summary>
    /// An assumption: 003 (“镇街道每月向区扶贫开发领导小组报告资金使用情况”) sets no day for the monthly report, so a
    /// report still missing this many working days after the month ends is escalated to the county office.
    /// </summary>
    public const int DefaultReportWorkingDays = 5;

    public DisbursementRules Rules { get; } = DisbursementRules.Default.WithReminderDaysBefore(
        configuration.GetValue(ReminderSetting, DisbursementRules.Default.ReminderDaysBefore));

    public SupervisionPolicy Supervision { get; } = new(configuration.GetValue(SupervisionSetting, SupervisionPolicy.DefaultWorkingDays));

    public WorkingCalendar Calendar { get; } = calendar.WithWeekendsWhereUnpublished();

    /// <summary>The working days after month end a township's monthly fund-use report (资金使用情况月报) may take.</summary>
    public int ReportWorkingDays { get; } = Math.Max(1, configuration.GetValue(ReportSetting, DefaultReportWorkingDays));

    /// <summary>The last day a month's report is on time: the configured working days after its last day.</summary>
    public DateOnly ReportDueOn(DateOnly monthEnd) => Calendar.AddWorkingDays(monthEnd, ReportWorkingDays);

    public DateOnly DueOn(DisbursementStage stage, DateOnly from) => Rules.DueOn(stage, from, Calendar);
}
