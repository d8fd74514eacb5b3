using Workflow.Domain.Calendar;
using Workflow.Domain.Rectification;
using Microsoft.DurableTask;
using Workflow.App.Audit;
using Workflow.App.Exits;
using Workflow.App.Notifications;
using Workflow.App.Rectification.Web;

namespace Workflow.App.Rectification.Orchestration;

/// <summary>
/// The deadline passed with nothing submitted: a 督办单 goes out with a new deadline (the configured working days), the
/// unit gets it with a fresh link, and the county office a link to print it. Returns when the new deadline has passed.
/// </summary>
public sealed class SuperviseActivity(RectificationStore items, RectificationRequests requests, AuditLog audit, IConfiguration configuration)
    : TaskActivity<OverdueInput, DateTimeOffset>
{
    public const string WorkingDaysSetting = "Rectification:SupervisionWorkingDays";

    public override async Task<DateTimeOffset> RunAsync(TaskActivityContext context, OverdueInput input)
    {
        var token = CancellationToken.None;
        var policy = new SupervisionPolicy(configuration.GetValue(WorkingDaysSetting, SupervisionPolicy.DefaultWorkingDays));
        var newDeadline = policy.NoticeDeadline(input.At, WorkingCalendar.China);
        var item = await items.UpdateAsync(input.ItemId, input.Sequence, i => i.Supervise(newDeadline), token).ConfigureAwait(false);
        var unit = item.Finding.ResponsibleUnit;
        var text = $"逾期未提交整改，县扶贫办下发督办单（{SupervisionNotice.NumberOf(item)}），新整改时限 {LedgerFormat.Day(item.Deadline)}。";
        await audit.AppendOnceAsync(new AuditEntry(item.ItemId, input.Step, "supervise", "系统（到期自动督办）", "System", text, input.At), "supervise", token).ConfigureAwait(false);
        await items.AppendTimelineAsync(item.ItemId, new TimelineEntry(input.Sequence, input.At, LedgerTimelineKinds.Supervised, input.Step, text), token).ConfigureAwait(false);
        await requests.AskToSubmitAsync(item, input.Sequence, input.At, NotificationKinds.RectificationSupervised, "督办单：整改事项已逾期",
            $"督办单（{SupervisionNotice.NumberOf(item)}）：{unit}未在整改时限内完成整改，现予督办，逾期将约谈主要负责人。", token).ConfigureAwait(false);
        await requests.InformAsync(item, input.Sequence, "county", RectificationRecipients.CountyVerifier(item), NotificationKinds.RectificationSupervised,
            $"已下发督办单：{unit}", $"{RectificationRequests.Describe(item)}已逾期，督办单已生成，可打印送达。",
            SupervisionNotice.PathOf(item.ItemId), input.At, token).ConfigureAwait(false);
        return SupervisionPolicy.OverdueAt(item.Deadline);
    }
}
