using Workflow.App.Links;
using Workflow.Domain.Monitoring;

namespace Workflow.App.Monitoring;

/// <summary>
/// The check link (月度监测链接) a 帮扶责任人 is sent for one household in one month: the capability to file that month's
/// check once, valid until a month after the month ends so a late check can still come in (and show as late).
/// </summary>
public sealed class MonitoringCheckLinks(CapabilityLinkSigner signer, LinkAddresses addresses, TimeProvider time)
{
    public const string Purpose = "monitoring-check";
    public const string PathPrefix = "/monitor/";

    /// <summary>The one step of a check link: the month's check.</summary>
    public const string Step = "check";

    private static readonly TimeSpan Grace = TimeSpan.FromDays(31);

    public Uri Issue(string countyCode, MonitoringMonth month, MonitoredHousehold household)
    {
        ArgumentNullException.ThrowIfNull(household);
        var monthEnds = Domain.Calendar.ShanghaiTime.StartOf(month.LastDay.AddDays(1));
        var lifetime = monthEnds + Grace - time.GetUtcNow();
        var token = signer.Issue(Purpose, MonitoringKeys.Subject(countyCode, month, household.Number), Step,
            MonitoringRecipients.Cadre(household.TownshipCode, household.Cadre), lifetime > Grace ? lifetime : Grace);
        return addresses.Absolute(PathPrefix + Uri.EscapeDataString(token));
    }
}
