using Workflow.App.Audit;
using Workflow.App.Evidence;
using Workflow.App.Exits.Web;
using Workflow.App.Identity;
using Workflow.App.Pages;
using Workflow.App.Register;

namespace Workflow.App.Rectification.Web;

/// <summary>The county office's pages of one item: the item with its evidence, history and audit; its printable 督办单.</summary>
internal static class RectificationPages
{
    public static void MapRectificationPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/rectifications").RequireAuthorization(CountyRoles.CountyPolicy);

        pages.MapGet("/{itemId}", async (string itemId, RectificationStore items, EvidenceStore evidence, AuditLog audit, TimeProvider time, CancellationToken ct) =>
        {
            var item = await items.GetAsync(itemId, ct);
            if (item is null)
            {
                return Results.NotFound();
            }

            var timeline = await items.ReadTimelineAsync(itemId, ct);
            var notice = timeline.Any(e => e.Kind == LedgerTimelineKinds.Supervised)
                ? $"<p><a class=\"notice\" href=\"{E(SupervisionNotice.PathOf(itemId))}\">查看 / 打印督办单</a></p>"
                : string.Empty;
            var id = Uri.EscapeDataString(itemId);
            var body = $"""
                <p><a href="/console/ledger?county={E(item.CountyCode)}&amp;year={item.Year}">返回整改台账</a></p>
                {RectificationSections.Item(item, LedgerToday.Of(time))}
                {notice}
                {CaseSections.Evidence(await evidence.ListAsync(itemId, ct), e => $"/rectifications/{id}/evidence/{Uri.EscapeDataString(e)}")}
                {CaseSections.Timeline(timeline)}
                {RectificationSections.Audit(await audit.ReadAsync(itemId, ct))}
                """;
            return PageLayout.Page("整改事项详情", body);
        });

        pages.MapGet("/{itemId}/supervision-notice", async (string itemId, RectificationStore items, CountyDirectory counties, CancellationToken ct) =>
        {
            var item = await items.GetAsync(itemId, ct);
            if (item is null)
            {
                return Results.NotFound();
            }

            var issued = (await items.ReadTimelineAsync(itemId, ct)).FirstOrDefault(e => e.Kind == LedgerTimelineKinds.Supervised);
            if (issued is null)
            {
                return PageLayout.Page("督办单", "<p class=\"bad\">该事项未逾期，没有督办单。</p>", StatusCodes.Status404NotFound);
            }

            var county = await counties.FindAsync(item.CountyCode, ct);
            return PageLayout.Page("脱贫攻坚问题整改督办单", SupervisionNotice.Render(item, county?.Name ?? item.CountyCode, issued));
        });

        pages.MapGet("/{itemId}/evidence/{evidenceId}", async (string itemId, string evidenceId, EvidenceStore evidence, CancellationToken ct) =>
            await evidence.ReadLinkAsync(itemId, evidenceId, ct) is { } uri ? Results.Redirect(uri.ToString()) : Results.NotFound());
    }

    private static string E(string text) => PageLayout.Html.Encode(text);
}
