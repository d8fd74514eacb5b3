using System.Globalization;
using System.Text.Json.Serialization;
using Azure.Identity;
using Workflow.Functions.Exits;
using Workflow.Functions.Identity;
using Workflow.Functions.Links;
using Workflow.Functions.Health;
using Workflow.Functions.Notifications;
using Workflow.Functions.Register;
using Workflow.Storage;

namespace Workflow.Functions.Hosting;

/// <summary>
/// Builds the one executable in both of its modes: behind the Azure Functions host as a custom handler
/// (the host gives the port in FUNCTIONS_CUSTOMHANDLER_PORT) or standalone on the URLs it is given.
/// </summary>
public static class WorkflowApp
{
    /// <param name="configure">For tests: replaces services (a controllable clock, the in-memory durable backend) before the app is built.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        var handlerPort = Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT");
        if (!string.IsNullOrEmpty(handlerPort))
        {
            builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{int.Parse(handlerPort, CultureInfo.InvariantCulture)}"));
        }

        builder.Services.AddSingleton(services => CreateStorageAccount(services.GetRequiredService<IConfiguration>()));
        builder.Services.AddSingleton<StorageSelfCheck>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddNotifications(builder.Configuration);
        builder.Services.AddRegister();
        builder.Services.AddCapabilityLinks(builder.Configuration, builder.Environment);
        builder.Services.AddCountySignIn();
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddExits(builder.Configuration);
        builder.Services.AddDurableTasks(builder.Configuration);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapOpenApi();
        app.MapHealth();
        app.MapDevelopmentSignIn();
        app.MapInbox();
        app.MapRegister();
        app.MapExits();
        return app;
    }

    // Locally a connection string (Azurite's key); on Azure the account name and the app's managed identity.
    private static StorageAccount CreateStorageAccount(IConfiguration configuration)
    {
        var section = configuration.GetSection("Storage");
        var connectionString = section["ConnectionString"];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return StorageAccount.FromConnectionString(connectionString);
        }

        var accountName = section["AccountName"];
        if (string.IsNullOrWhiteSpace(accountName))
        {
            throw new InvalidOperationException(
                "Storage is not configured: set Storage:ConnectionString (local) or Storage:AccountName (Azure, managed identity).");
        }

        return StorageAccount.FromTokenCredential(accountName, new DefaultAzureCredential());
    }
}
