using System.Globalization;
using Workflow.App.Links;

namespace Workflow.App.Campaigns;

/// <summary>
/// Takes a lead unit's progress report through its link: the link must be ours, unexpired and unused, and its task
/// open in a campaign that has not ended. The report is kept in the same atomic write that spends the link (one report
/// per task and due point), then written to the campaign's reports and history under the link's id, then marked
/// delivered. A crash in between loses nothing: the redelivery sweep or the next visit of the link writes it, once.
/// </summary>
public sealed class TaskReportIntake(CapabilityLinkSigner signer, LinkRedemptionStore redemptions, CampaignStore store, CampaignReader reader)
    : IKeptDecisionDelivery
{
    private readonly KeptDecisions<TaskReport> _kept = new(redemptions, (report, token) => WriteAsync(store, report, token));

    public async Task<ReportLinkCheck> CheckAsync(string? token, CancellationToken cancellationToken)
    {
        var (link, refusal) = signer.Verify(token, TaskReportLinks.Purpose);
        if (link is null || refusal is not null)
        {
            return new ReportLinkCheck(link, null, refusal ?? LinkRefusal.Invalid);
        }

        // Task ids are {county}-{year}-tNN.
        var parts = link.Subject.Split('-');
        if (parts.Length != 3 || !int.TryParse(parts[1], out var year))
        {
            return new ReportLinkCheck(link, null, LinkRefusal.Invalid);
        }

        var task = await store.GetTaskAsync(parts[0], year, link.Subject, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            return new ReportLinkCheck(link, null, LinkRefusal.Invalid);
        }

        if (await redemptions.CheckOpenAsync(link, cancellationToken).ConfigureAwait(false) is { } used)
        {
            await _kept.DeliverKeptAsync(link.Subject, link.Step, cancellationToken).ConfigureAwait(false);

            return new ReportLinkCheck(link, task, used);
        }

        var campaign = await reader.FindAsync(parts[0], year, cancellationToken).ConfigureAwait(false);
        return campaign is null || campaign.Value.Completed
            ? new ReportLinkCheck(link, task, LinkRefusal.SubjectClosed)
            : new ReportLinkCheck(link, task, null);
    }

    /// <summary>Spends the link on the report; null when the report was taken, otherwise why not.</summary>
    public Task<LinkRefusal?> ReportAsync(CapabilityLink link, TaskReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        return _kept.KeepAndDeliverAsync(link, report.At, report, cancellationToken);
    }

    public Task<int> RedeliverPendingAsync(DateTimeOffset madeBefore, CancellationToken cancellationToken) =>
        _kept.RedeliverPendingAsync(TaskReportLinks.Purpose, madeBefore, cancellationToken);

    /// <summary>Writes the report and its history line under keys made of the link's id, so delivering twice writes once.</summary>
    private static async Task WriteAsync(CampaignStore store, TaskReport report, CancellationToken cancellationToken)
    {
        // Task ids are {county}-{year}-tNN.
        var parts = report.TaskId.Split('-');
        var countyCode = parts[0];
        var year = int.Parse(parts[1], CultureInfo.InvariantCulture);
        var task = await store.GetTaskAsync(countyCode, year, report.TaskId, cancellationToken).ConfigureAwait(false)
                   ?? throw new InvalidOperationException($"Task {report.TaskId} of a kept report is not in the campaign tables.");
        await store.AddReportAsync(countyCode, year, report, cancellationToken).ConfigureAwait(false);
        var kind = report.Completed ? "已完成" : "进展";
        await store.AppendTimelineAsync(countyCode, year, new CampaignTimelineEntry(report.At, 0, $"report-{report.ReportId}", CampaignTimelineKinds.Reported, null,
            $"{report.Unit}报送任务{task.Number}“{task.Title}”{kind}。", report.Reporter), cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>What checking a report link found: the link, its task, and the refusal if it cannot be used.</summary>
public sealed record ReportLinkCheck(CapabilityLink? Link, TrackedTask? Task, LinkRefusal? Refusal);
