using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration.Memory;
using Workflow.Functions.Analytics;
using Workflow.Functions.Campaigns;
using Workflow.Functions.Console;
using Workflow.Functions.Durable;
using Workflow.Functions.Exits;
using Workflow.Functions.Health;
using Workflow.Functions.Hosting.CustomHandler;
using Workflow.Functions.Identity;
using Workflow.Functions.Links;
using Workflow.Functions.Notifications;
using Workflow.Functions.Operations;
using Workflow.Functions.Rectification;
using Workflow.Functions.Register;
using Workflow.Functions.Storage;

namespace Workflow.Functions.Hosting;

/// <summary>
/// Builds the one executable in both of its modes: behind the Azure Functions host as a custom handler
/// (the host gives the port in FUNCTIONS_CUSTOMHANDLER_PORT) or standalone on the URLs it is given.
/// </summary>
public static class WorkflowApp
{
    /// <summary>The configuration section of the storage account; the Functions bindings' connection prefix is the same.</summary>
    public const string StorageSection = StorageClients.Section;

    /// <param name="configure">For tests: replaces services (a controllable clock) before the app is built.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        // DTFx and the SDK's worker log every step and activity at Information, and the Azure SDK's clients (forwarded by
        // Microsoft.Extensions.Azure) every storage request: at county scale that is most of the log's volume and CPU.
        // Their warnings and errors stay; any configuration source overrides these defaults (the first source).
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:DurableTask.Core"] = "Warning",
                ["Logging:LogLevel:DurableTask.AzureStorage"] = "Warning",
                ["Logging:LogLevel:Microsoft.DurableTask"] = "Warning",
                ["Logging:LogLevel:Azure"] = "Warning",
            },
        });
        var handlerPort = CustomHandlerMode.Port(builder.Configuration);
        if (handlerPort is not null)
        {
            builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{handlerPort}"));
        }

        builder.Services.AddStorageClients(builder.Configuration);
        builder.Services.AddSingleton<StorageSelfCheck>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddNotifications(builder.Configuration, builder.Environment);
        builder.Services.AddRegister();
        builder.Services.AddCapabilityLinks(builder.Configuration, builder.Environment);
        builder.Services.AddCountySignIn();
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddExits(builder.Configuration);
        builder.Services.AddRectification();
        builder.Services.AddCampaigns();
        builder.Services.AddTaskHub(builder.Configuration);
        builder.Services.AddSingleton<ProblemInstances>();
        builder.Services.AddAnalytics(builder.Configuration, builder.Environment);
        if (handlerPort is null)
        {
            builder.Services.AddHostedService<StandaloneScheduler>();
        }
        else
        {
            builder.Services.AddCustomHandler();
        }

        configure?.Invoke(builder);

        var app = builder.Build();
        if (handlerPort is not null)
        {
            // Requests come through the host on loopback; the client's address (rate limits, audit) is in X-Forwarded-For.
            app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto });
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapOpenApi();
        app.MapHealth();
        app.MapDevelopmentSignIn();
        app.MapInbox();
        app.MapRegister();
        app.MapExits();
        app.MapRectification();
        app.MapConsoleFigures();
        app.MapAnalytics();
        app.MapCampaigns();
        app.MapOperations();
        if (handlerPort is not null)
        {
            app.MapCustomHandler();
        }

        return app;
    }
}
