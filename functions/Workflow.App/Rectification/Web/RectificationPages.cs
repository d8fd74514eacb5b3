using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.App.Audit;
using Workflow.App.Evidence;
using Workflow.App.Identity;
using Workflow.App.Pages;
using Workflow.App.Register;
using Workflow.Domain.Calendar;
using Workflow.Domain.Rectification;

namespace Workflow.App.Rectification.Web;

/// <summary>The county office's pages of one item: the item with its evidence, history and audit; its printable 督办单.</summary>
internal static class RectificationPages
{
    public static string PathOf(string itemId) => $"/rectifications/{Uri.EscapeDataString(itemId)}";

    public static void MapRectificationPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/rectifications").RequireAuthorization(CountyRoles.CountyPolicy);

        pages.MapGet("/{itemId}", async Task<IResult> (string itemId, RectificationStore items, EvidenceStore evidence, AuditLog audit, TimeProvider time, CancellationToken ct) =>
        {
            if (await items.GetAsync(itemId, ct) is not { } item)
            {
                return NotFound(itemId);
            }

            var timeline = await items.ReadTimelineAsync(itemId, ct);
            return PageResults.Page<RectificationItemPage>(new
            {
                Item = item,
                Today = LedgerToday.Of(time),
                Supervised = timeline.Any(e => e.Kind == LedgerTimelineKinds.Supervised),
                Evidence = await evidence.ListAsync(itemId, ct),
                Timeline = timeline,
                Audit = await audit.ReadAsync(itemId, ct),
            });
        });

        pages.MapGet("/{itemId}/supervision-notice", async Task<IResult> (string itemId, RectificationStore items, CountyDirectory counties, CancellationToken ct) =>
        {
            if (await items.GetAsync(itemId, ct) is not { } item)
            {
                return NotFound(itemId);
            }

            var issued = (await items.ReadTimelineAsync(itemId, ct)).FirstOrDefault(e => e.Kind == LedgerTimelineKinds.Supervised);
            if (issued is null)
            {
                return PageResults.Message("督办单", "该事项未逾期，没有督办单。", StatusCodes.Status404NotFound, onward: new PageLink(PathOf(itemId), "返回事项"));
            }

            var county = await counties.FindAsync(item.CountyCode, ct);
            return PageResults.Page<SupervisionNoticePage>(new
            {
                Item = item,
                CountyName = county?.Name ?? item.CountyCode,
                IssuedOn = ShanghaiTime.DateOf(issued.At),
            });
        });

        pages.MapGet("/{itemId}/evidence/{evidenceId}", async (string itemId, string evidenceId, EvidenceStore evidence, CancellationToken ct) =>
            await evidence.ReadLinkAsync(itemId, evidenceId, ct) is { } uri ? Results.Redirect(uri.ToString()) : Results.NotFound());
    }

    // An id from a mistyped or truncated link: say so, in words, instead of an empty 404, and lead back to the ledger
    // of the county and year the id names when it is well formed.
    private static RazorComponentResult<MessagePage> NotFound(string itemId) => PageResults.Message("未找到整改事项",
        $"没有编号为「{itemId}」的整改事项。请从整改台账重新进入。", StatusCodes.Status404NotFound,
        onward: RectificationItemId.Parse(itemId) is var (county, year) ? new PageLink(LedgerConsole.PathOf(county, year), "返回整改台账") : PageLink.Home);
}
