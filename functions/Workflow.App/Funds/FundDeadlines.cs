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

    public DisbursementRules Rules { get; } = DisbursementRules.Default.WithReminderDaysBefore(
        configuration.GetValue(ReminderSetting, DisbursementRules.Default.ReminderDaysBefore));

    public SupervisionPolicy Supervision { get; } = new(configuration.GetValue(SupervisionSetting, SupervisionPolicy.DefaultWorkingDays));

    public WorkingCalendar Calendar { get; } = calendar.WithWeekendsWhereUnpublished();

    public DateOnly DueOn(DisbursementStage stage, DateOnly from) => Rules.DueOn(stage, from, Calendar);
}
