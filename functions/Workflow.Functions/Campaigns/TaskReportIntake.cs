using Workflow.Functions.Links;

namespace Workflow.Functions.Campaigns;

/// <summary>
/// Takes a lead unit's progress report through its link: the link must be ours, unexpired and unused, and its task
/// open in a campaign that has not ended. The link is spent first (atomically, one report per task and due point),
/// then the report is kept under the link's id, so a retried submission keeps one report.
/// </summary>
public sealed class TaskReportIntake(CapabilityLinkSigner signer, LinkRedemptionStore redemptions, CampaignStore store, CampaignReader reader)
{
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
            return new ReportLinkCheck(link, task, used);
        }

        var campaign = await reader.FindAsync(parts[0], year, cancellationToken).ConfigureAwait(false);
        return campaign is null || campaign.Value.Completed
            ? new ReportLinkCheck(link, task, LinkRefusal.SubjectClosed)
            : new ReportLinkCheck(link, task, null);
    }

    /// <summary>Spends the link on the report; null when the report was taken, otherwise why not.</summary>
    public async Task<LinkRefusal?> ReportAsync(CapabilityLink link, TrackedTask task, TaskReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(report);
        if (await redemptions.TryRedeemAsync(link, report.At, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            return refusal;
        }

        var parts = link.Subject.Split('-');
        var year = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        await store.AddReportAsync(parts[0], year, report, cancellationToken).ConfigureAwait(false);
        var kind = report.Completed ? "已完成" : "进展";
        await store.AppendTimelineAsync(parts[0], year, new CampaignTimelineEntry(report.At, 0, $"report-{report.ReportId}", CampaignTimelineKinds.Reported, null,
            $"{report.Unit}报送任务{task.Number}“{task.Title}”{kind}。", report.Reporter), cancellationToken).ConfigureAwait(false);
        return null;
    }
}

/// <summary>What checking a report link found: the link, its task, and the refusal if it cannot be used.</summary>
public sealed record ReportLinkCheck(CapabilityLink? Link, TrackedTask? Task, LinkRefusal? Refusal);
