using Workflow.App.Links;

namespace Workflow.App.Loans.Usage;

/// <summary>
/// The usage-check link (贷款使用情况检查链接) a township is sent each month: the capability to record, once, whether
/// each of its loans is used for 产业发展 that month. Subject the county and township, step the month.
/// </summary>
public sealed class LoanUsageLinks(CapabilityLinkSigner signer, LinkAddresses addresses)
{
    public const string Purpose = "loan-usage";
    public const string PathPrefix = "/loan-check/";

    /// <summary>The month's check may be filed until the end of the next month.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(62);

    public static string Subject(string countyCode, string townshipCode) => $"loan-usage-{countyCode}-{townshipCode}";

    public Uri Issue(string countyCode, string townshipCode, string month)
    {
        var token = signer.Issue(Purpose, Subject(countyCode, townshipCode), month, $"{LoanRecipients.TownshipRole}@{townshipCode}", Lifetime);
        return addresses.Absolute(PathPrefix + Uri.EscapeDataString(token));
    }

    /// <summary>The county and township of a link's subject.</summary>
    public static (string CountyCode, string TownshipCode)? PlaceOf(CapabilityLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var parts = link.Subject.Split('-');
        return parts is ["loan", "usage", var county, var township] ? (county, township) : null;
    }
}
