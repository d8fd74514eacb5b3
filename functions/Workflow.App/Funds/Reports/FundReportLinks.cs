using Workflow.App.Links;

namespace Workflow.App.Funds.Reports;

/// <summary>
/// The monthly report link (资金使用情况月报链接) a township's 财政所 is sent: the capability to confirm, once, the
/// generated summary of its month. Subject the county and township (as the fund notice's), step the month.
/// </summary>
public sealed class FundReportLinks(CapabilityLinkSigner signer, LinkAddresses addresses)
{
    public const string Purpose = "fund-report";

    /// <summary>Under /pay/{kind}/{token}, which the request log masks like every fund link.</summary>
    public const string PathPrefix = "/pay/report/";

    /// <summary>The report may be filed until the end of the next month, escalated or not.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(62);

    /// <summary>Who reports: the township's 财政所, which keeps its fund accounts.</summary>
    public static string Recipient(string townshipCode) => $"FinanceOffice@{townshipCode}";

    public Uri Issue(string countyCode, string townshipCode, FundReportMonth month)
    {
        ArgumentNullException.ThrowIfNull(month);
        var token = signer.Issue(Purpose, FundNotice.SubjectOf(countyCode, townshipCode), month.Key, Recipient(townshipCode), Lifetime);
        return addresses.Absolute(PathPrefix + Uri.EscapeDataString(token));
    }

    /// <summary>The county and township of a link's subject.</summary>
    public static (string CountyCode, string TownshipCode)? PlaceOf(CapabilityLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return link.Subject.Split(':') is [var county, var township] ? (county, township) : null;
    }
}
