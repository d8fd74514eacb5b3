using Workflow.App.Notifications;
using Workflow.App.Pages;
using Workflow.App.Register;

namespace Workflow.App.Health;

/// <summary>Liveness, the storage self-check as JSON, and the start page that shows it to a person with where to go next.</summary>
internal static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", () => Results.Json(new { status = "ok" }));

        app.MapGet("/health/storage", async (StorageSelfCheck check, CancellationToken cancellationToken) =>
        {
            var results = await check.RunAsync(cancellationToken);
            var body = new
            {
                status = results.All(r => r.Ok) ? "ok" : "failed",
                checks = results.Select(r => new { service = r.Service, ok = r.Ok, milliseconds = Math.Round(r.Elapsed.TotalMilliseconds, 1), error = r.Error }),
            };
            return Results.Json(body, statusCode: results.All(r => r.Ok) ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });

        // The sign-in and the inbox exist only in Development (and the inbox can be turned off): elsewhere their links
        // would lead nowhere.
        var inDevelopment = app.ServiceProvider.GetRequiredService<IHostEnvironment>().IsDevelopment();
        var withInbox = inDevelopment && app.ServiceProvider.GetService<InboxChannel>() is not null;
        app.MapGet("/", async (StorageSelfCheck check, CountyDirectory directory, CancellationToken cancellationToken) =>
        {
            var results = await check.RunAsync(cancellationToken);
            var storageOk = results.All(r => r.Ok);
            // Only asked of working storage: a failing account would answer the directory with the same error, slowly.
            IReadOnlyList<RegisteredCounty> counties = storageOk ? await directory.ListAsync(cancellationToken) : [];
            return PageResults.Page<StartPage>(
                new { Results = results, Counties = counties, StorageOk = storageOk, InDevelopment = inDevelopment, WithInbox = withInbox },
                storageOk ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
    }
}
