using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.Extensions.Configuration.Memory;
using Workflow.App.Analytics;
using Workflow.App.Campaigns;
using Workflow.App.Console;
using Workflow.App.Durable;
using Workflow.App.Entries;
using Workflow.App.Exits;
using Workflow.App.Funds;
using Workflow.App.Projects;
using Workflow.App.Health;
using Workflow.App.Identity;
using Workflow.App.Links;
using Workflow.App.Loans;
using Workflow.App.Monitoring;
using Workflow.App.Notifications;
using Workflow.App.Operations;
using Workflow.App.Pages;
using Workflow.App.Rectification;
using Workflow.App.Register;
using Workflow.App.Storage;

namespace Workflow.App.Hosting;

/// <summary>
/// The app as both hosts take it: its services, its middleware and its endpoints. The standalone host
/// (Workflow.Host) serves them on Kestrel and runs the durable worker and the scheduled work itself; the Function App
/// (Workflow.FunctionApp) passes the Functions host's HTTP requests into the same endpoints and runs the same
/// orchestrators and scheduled work from its triggers.
/// </summary>
public static class WorkflowApp
{
    /// <summary>The configuration section of the storage account.</summary>
    public const string StorageSection = StorageClients.Section;

    /// <summary>Every capability's services. The host adds what runs the work: the durable worker, the schedule.</summary>
    public static void AddWorkflow(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddRequestLogging();
        services.AddStorageClients(configuration);
        services.AddSingleton<StorageSelfCheck>();
        services.AddSingleton(TimeProvider.System);
        services.AddNotifications(configuration, environment);
        services.AddRegister();
        services.AddCapabilityLinks(configuration, environment);
        services.AddCountySignIn();
        services.AddOpenApi();
        services.AddRazorComponents();
        // Razor's renderer encodes with the HtmlEncoder it finds here; the default one would write every Chinese character
        // as an entity. This one leaves Chinese as text and still escapes every markup character, which is what keeps a page safe.
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddExits(configuration);
        services.AddEntries(configuration);
        services.AddRectification();
        services.AddCampaigns();
        services.AddMonitoring(configuration);
        services.AddFunds(configuration);
        services.AddProjects();
        services.AddLoans(configuration);
        services.AddTaskHub(configuration);
        services.AddSingleton<ProblemInstances>();
        services.AddAnalytics(configuration, environment);
        services.AddLazilyCreatedStorage();
    }

    /// <summary>
    /// Storage the capabilities above otherwise create on first use, created at start with the rest so that no sweep,
    /// request or export meets a missing table. (Each could move into its capability's services.)
    /// </summary>
    private static void AddLazilyCreatedStorage(this IServiceCollection services)
    {
        services.AddStorageInitialization("register", (provider, token) => provider.GetRequiredService<RegisterTables>().EnsureCreatedAsync(token));
        services.AddStorageInitialization("notifications", async (provider, token) =>
        {
            await provider.GetRequiredService<NotificationOutbox>().InitializeAsync(token).ConfigureAwait(false);
            if (provider.GetService<InboxChannel>() is { } inbox)
            {
                await inbox.EnsureCreatedAsync(token).ConfigureAwait(false);
            }
        });
        services.AddStorageInitialization("analytics", (provider, token) => provider.GetRequiredService<AnalyticsExporter>().InitializeAsync(token));
    }

    /// <summary>
    /// DTFx and the SDK's worker log every step and activity at Information, and the Azure SDK's clients (forwarded by
    /// Microsoft.Extensions.Azure) every storage request: at county scale that is most of the log's volume and CPU.
    /// Their warnings and errors stay; any configuration source overrides these defaults (they go in first).
    /// </summary>
    public static void AddQuietEngineLogging(this IConfigurationBuilder configuration) =>
        configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:DurableTask.Core"] = "Warning",
                ["Logging:LogLevel:DurableTask.AzureStorage"] = "Warning",
                ["Logging:LogLevel:Microsoft.DurableTask"] = "Warning",
                ["Logging:LogLevel:Azure"] = "Warning",
            },
        });

    /// <summary>
    /// The middleware every request passes before its endpoint: the request log (tokens masked), the
    /// Content-Security-Policy, zh-CN answers for what no endpoint serves, who the caller is, what they may do, rate limits.
    /// </summary>
    public static IApplicationBuilder UseWorkflowMiddleware(this IApplicationBuilder app)
    {
        app.UseRequestLogging();
        app.UseContentSecurityPolicy();
        app.UseErrorPages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>Every page, API and feed of the app.</summary>
    public static IEndpointRouteBuilder MapWorkflow(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi();
        app.MapPageAssets();
        app.MapHealth();
        app.MapDevelopmentSignIn();
        app.MapInbox();
        app.MapNotificationWebhook();
        app.MapRegister();
        app.MapExits();
        app.MapEntries();
        app.MapRectification();
        app.MapFunds();
        app.MapProjects();
        app.MapConsoleFigures();
        app.MapAnalytics();
        app.MapCampaigns();
        app.MapMonitoring();
        app.MapLoans();
        app.MapOperations();
        return app;
    }
}
