using Workflow.Domain.Exits;
using Microsoft.DurableTask;
using Workflow.App.Durable;
using Workflow.App.Links;
using Workflow.App.Notifications;
using Workflow.App.Pages;

namespace Workflow.App.Exits.Orchestration;

/// <summary>
/// Starts (or resumes) the 公示: shows the end on the case and sends the village committee the printable notice,
/// whose QR code opens the objection form. The notice's link lives until a day after the notice ends. Returns the
/// county time the notice ends.
/// </summary>
public sealed class OpenNoticeActivity(ExitCaseStore cases, CapabilityLinkSigner signer, LinkAddresses addresses, NotificationOutbox outbox, CountyClock clock)
    : TaskActivity<NoticeInput, OpenedNotice>
{
    public const string Purpose = "exit-notice";

    public override async Task<OpenedNotice> RunAsync(TaskActivityContext context, NoticeInput input)
    {
        var token = CancellationToken.None;
        var reading = clock.Read();
        var at = reading.Now;
        var endsAt = at + input.Remaining;
        var read = await cases.ReadRequiredAsync(input.CaseId, token).ConfigureAwait(false);
        var exitCase = read.Case;
        await cases.UpdateAsync(read, input.Sequence, c => c.NoticeUntil(endsAt), token).ConfigureAwait(false);
        var what = input.Resumed ? "异议已处理，公示继续" : "村内公示开始";
        await cases.AppendTimelineAsync(input.CaseId, new TimelineEntry(input.Sequence, at, TimelineKinds.NoticeStarted, ExitProcedure.Notice,
            $"{what}，至 {Shown.Time(endsAt)} 止。"), token).ConfigureAwait(false);
        var noticeToken = signer.Issue(Purpose, input.CaseId, ExitProcedure.Notice, "public", input.Remaining + TimeSpan.FromDays(1));
        var committee = ExitRole.VillageCommittee;
        await outbox.RecordAsync(new NotificationMessage(
            $"{input.CaseId}.{input.Sequence}",
            NotificationKinds.NoticeStarted,
            input.CaseId,
            ExitRecipients.For(committee, exitCase),
            $"{what}：{exitCase.HeadName} 户",
            $"请打印公示单张贴于村务公开栏，公示至 {Shown.Time(endsAt)} 止；群众可扫描公示单上的二维码提出异议。",
            addresses.Absolute($"/notices/{noticeToken}"),
            at), token).ConfigureAwait(false);
        return new OpenedNotice(endsAt, reading);
    }
}
