using Workflow.App.Audit;
using Workflow.App.Links;
using Workflow.App.Notices;
using Workflow.App.Notifications;

namespace Workflow.App.Funds.Objections;

/// <summary>
/// Takes objections to a township's 资金公告公示 and the county office's answers. A fund notice runs for good rather than
/// for a period, so an objection pauses nothing: it is kept, the county office (县扶贫办) is told at once, and the office
/// answers it after looking into it. That the office, not the township that posted the notice, handles it is an
/// assumption: 001 names public supervision (“接受群众和社会监督”) without saying who answers.
/// </summary>
public sealed class FundObjections(FundObjectionStore store, NotificationOutbox outbox, LinkAddresses addresses, AuditLog audit, TimeProvider time)
{
    public const int MaxReplyLength = 500;

    /// <summary>The kind of the office's message (CloudEvent type cn.fupin.workflow.fund-objection).</summary>
    public const string Kind = "fund-objection";

    public static string CountyOffice(string countyCode) => $"CountyOfficer@{countyCode}";

    /// <summary>The audit subject of a county's fund-notice objections.</summary>
    public static string AuditSubject(string countyCode) => $"fund-objections-{countyCode}";

    /// <exception cref="ArgumentException">The objection has an <see cref="ObjectionRules.Problem"/>.</exception>
    public async Task<FundObjection> FileAsync(string countyCode, string townshipCode, string township, string? contact, string? reason, string? clientIp,
        CancellationToken cancellationToken)
    {
        if (ObjectionRules.Problem(contact, reason) is { } problem)
        {
            throw new ArgumentException(problem, nameof(reason));
        }

        var now = time.GetUtcNow();
        var objection = new FundObjection(countyCode, townshipCode, township, FundObjectionStore.NewId(now), contact!.Trim(), reason!.Trim(), now);
        // Kept first: should the message fail, the console still lists the objection.
        await store.AddAsync(objection, clientIp, cancellationToken).ConfigureAwait(false);
        await outbox.RecordAsync(new NotificationMessage($"fund-objection.{objection.ObjectionId}", Kind, AuditSubject(countyCode), CountyOffice(countyCode),
            $"资金公示收到异议：{township}", $"{township}扶贫资金公告公示收到群众异议，请核实处理并在扶贫资金页面答复。",
            addresses.Absolute($"/console/funds?county={Uri.EscapeDataString(countyCode)}#objections"), now), cancellationToken).ConfigureAwait(false);
        return objection;
    }

    /// <summary>The office's answer, once: a zh-CN problem and nothing changed when it is empty, too long, or the objection was answered already.</summary>
    public async Task<string?> AnswerAsync(string countyCode, string objectionId, string? reply, string by, CancellationToken cancellationToken)
    {
        var text = reply?.Trim() ?? string.Empty;
        if (text.Length is 0 or > MaxReplyLength)
        {
            return $"请填写核实处理情况（不超过 {MaxReplyLength} 字）。";
        }

        if (await store.GetAsync(countyCode, objectionId, cancellationToken).ConfigureAwait(false) is not { } objection)
        {
            return "没有这条异议。";
        }

        var now = time.GetUtcNow();
        if (!await store.TryAnswerAsync(countyCode, objectionId, by, text, now, cancellationToken).ConfigureAwait(false))
        {
            return "这条异议已经答复，不能重复答复。";
        }

        await audit.AppendAsync(new AuditEntry(AuditSubject(countyCode), objection.TownshipCode, "answer", by, "County", text, now), cancellationToken).ConfigureAwait(false);
        return null;
    }
}
