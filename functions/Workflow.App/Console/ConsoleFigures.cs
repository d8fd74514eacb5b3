using Workflow.App.Exits;
using Workflow.App.Identity;
using Workflow.App.Register;

namespace Workflow.App.Console;

/// <summary>The console's two views of figures: the exit pipeline and the indicator dashboard, for the county office's roles.</summary>
internal static class ConsoleFigures
{
    public static void MapConsoleFigures(this IEndpointRouteBuilder app)
    {
        var console = app.MapGroup("/console").RequireAuthorization(CountyRoles.CountyPolicy);
        console.MapGet("/exits", (HttpRequest request, string? county, CountyDirectory directory, ExitCaseStore cases, TimeProvider time, CancellationToken ct) =>
            ExitPipelinePage.ShowAsync(request, county, directory, cases, time, ct));
        console.MapGet("/indicators", (HttpRequest request, string? county, string? year, CountyDirectory directory, RegisterStore store, CancellationToken ct) =>
            IndicatorPage.ShowAsync(request, county, year, directory, store, ct));
    }
}
