using Workflow.App.Notices;
using Workflow.App.Identity;
using Workflow.App.Links;
using Workflow.App.Pages;
using Workflow.App.Register;

namespace Workflow.App.Funds.Web;

/// <summary>
/// The township's 资金公告公示: the county prints it (signed in, /funds/notice/{county}/{township}); its QR code holds a
/// signed read-only link (/pay/notice/{token}) that shows the same notice, current, to anyone. That link is never spent:
/// it only reads, and lives a year.
/// </summary>
internal static class FundNoticeEndpoints
{
    public const string NoticePurpose = "fund-notice";
    private const string NoticeStep = "notice";
    private const string NoticeHolder = "public";
    private static readonly TimeSpan NoticeLinkLifetime = TimeSpan.FromDays(365);

    public static void MapFundNotices(this IEndpointRouteBuilder app)
    {
        app.MapGet("/funds/notice/{county}/{township}", async Task<IResult> (string county, string township, FundStore funds, CountyDirectory counties, CapabilityLinkSigner signer,
            LinkAddresses addresses, CancellationToken ct) =>
        {
            var notice = await ReadAsync(county, township, funds, counties, ct);
            if (notice is null)
            {
                return PageResults.Message("没有这个乡镇", $"本系统没有「{county}」县的乡镇「{township}」。", StatusCodes.Status404NotFound);
            }

            var token = signer.Issue(NoticePurpose, FundNotice.SubjectOf(notice.CountyCode, notice.TownshipCode), NoticeStep, NoticeHolder, NoticeLinkLifetime);
            var url = addresses.Absolute($"/pay/notice/{token}").ToString();
            return PageResults.Page<FundNoticePage>(new { Notice = notice, NoticeUrl = url, QrSvg = NoticeQrCode.Svg(url) });
        }).RequireAuthorization(CountyRoles.CountyPolicy);

        app.MapGet("/pay/notice/{token}", async Task<IResult> (string token, FundStore funds, CountyDirectory counties, CapabilityLinkSigner signer, CancellationToken ct) =>
        {
            var (link, refusal) = signer.Verify(token, NoticePurpose);
            if (link is null || refusal is not null || link.Subject.Split(':') is not [var county, var township])
            {
                return LinkRefusalPage.For(refusal ?? LinkRefusal.Invalid);
            }

            var notice = await ReadAsync(county, township, funds, counties, ct);
            return notice is null
                ? LinkRefusalPage.For(LinkRefusal.Invalid)
                : PageResults.Page<FundNoticePage>(new
                {
                    Notice = notice, NoticeUrl = string.Empty, QrSvg = string.Empty, ObjectionHref = FundObjectionEndpoints.PathPrefix + Uri.EscapeDataString(token),
                });
        });
    }

    /// <summary>The county and township a notice link is for, with the township's name; null for a link that is not one, or a place no longer known.</summary>
    public static async Task<(string CountyCode, string TownshipCode, string Township)?> TownshipOfAsync(string token, CapabilityLinkSigner signer, CountyDirectory counties,
        CancellationToken ct)
    {
        var (link, refusal) = signer.Verify(token, NoticePurpose);
        if (link is null || refusal is not null || link.Subject.Split(':') is not [var county, var township] || !CountyDirectory.IsCountyCode(county))
        {
            return null;
        }

        var places = await counties.FindPlacesAsync(county, ct);
        return places?.Townships.FirstOrDefault(t => t.Code == township) is { } found ? (places.Code, found.Code, found.Name) : null;
    }

    private static async Task<FundNotice?> ReadAsync(string county, string township, FundStore funds, CountyDirectory counties, CancellationToken ct)
    {
        var places = await counties.FindPlacesAsync(county, ct);
        var found = places?.Townships.FirstOrDefault(t => t.Code == township || t.Name == township);
        return found is null ? null : await FundNotice.ReadAsync(funds, places!.Code, found.Code, found.Name, ct);
    }
}
