using Workflow.App.Analytics.OData;
using Workflow.App.Identity;

namespace Workflow.App.Analytics;

/// <summary>The county's on-demand export (<c>POST /api/analytics/exports</c>, <c>?full=true</c> rebuilds) and the OData feed under <c>/odata</c>.</summary>
public static class AnalyticsEndpoints
{
    public static IEndpointRouteBuilder MapAnalytics(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/analytics/exports", async (bool? full, AnalyticsExporter exporter, CancellationToken cancellationToken) =>
        {
            var report = await exporter.ExportAsync(new ExportRequest(ExportRequest.OnDemand, full == true), cancellationToken).ConfigureAwait(false);
            return report.Busy
                ? Results.Problem("另一个导出正在进行，请稍后再试。", statusCode: StatusCodes.Status409Conflict)
                : Results.Ok(report);
        }).RequireAuthorization(CountyRoles.CountyPolicy);

        app.MapODataFeed();
        return app;
    }
}
