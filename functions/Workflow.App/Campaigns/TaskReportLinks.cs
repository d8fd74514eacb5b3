using Workflow.App.Links;

namespace Workflow.App.Campaigns;

/// <summary>
/// The report link (进展报送链接) a lead unit is sent for one due point of one task: the capability to file one report
/// for it, valid until a month after the due date so a late report can still come in.
/// </summary>
public sealed class TaskReportLinks(CapabilityLinkSigner signer, LinkAddresses addresses, TimeProvider time)
{
    public const string Purpose = "task-report";
    public const string PathPrefix = "/report/";

    private static readonly TimeSpan Grace = TimeSpan.FromDays(31);

    public Uri Issue(string countyCode, string taskId, string dueKey, string unit, DateTimeOffset dueAt)
    {
        var lifetime = dueAt + Grace - time.GetUtcNow();
        var token = signer.Issue(Purpose, taskId, dueKey, CampaignRecipients.LeadUnit(countyCode, unit), lifetime > Grace ? lifetime : Grace);
        return addresses.Absolute(PathPrefix + Uri.EscapeDataString(token));
    }
}
