using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Workflow.Functions.Audit;
using Workflow.Functions.Evidence;
using Workflow.Functions.Exits.Orchestration;
using Workflow.Functions.Exits.Web;
using Workflow.Functions.Hosting;
using Workflow.Functions.Links;
using Workflow.Functions.Notifications;

namespace Workflow.Functions.Exits;

/// <summary>Wires household exits: the case orchestration and its activities, the intakes, the pages and the county API.</summary>
public static class ExitServices
{
    public static IServiceCollection AddExits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ExitCaseStore>();
        services.AddSingleton<DecisionRequests>();
        services.AddSingleton<DecisionIntake>();
        services.AddSingleton<ObjectionIntake>();
        services.AddSingleton<ExitCaseStarter>();
        services.AddHostedService<ExitStorageInitializer>();
        services.AddSingleton<IKeptDecisionDelivery>(provider => provider.GetRequiredService<DecisionIntake>());
        services.AddSingleton<IKeptDecisionDelivery>(provider => provider.GetRequiredService<ObjectionIntake>());

        services.AddOrchestrator<HouseholdExitOrchestrator>(HouseholdExitOrchestrator.Name);
        services.AddActivity<OpenStepActivity>(ExitActivities.OpenStep);
        services.AddActivity<RemindActivity>(ExitActivities.Remind);
        services.AddActivity<EscalateActivity>(ExitActivities.Escalate);
        services.AddActivity<RecordDecisionActivity>(ExitActivities.RecordDecision);
        services.AddActivity<OpenNoticeActivity>(ExitActivities.OpenNotice);
        services.AddActivity<RecordObjectionActivity>(ExitActivities.RecordObjection);
        services.AddActivity<AppendTimelineActivity>(ExitActivities.AppendTimeline);
        services.AddActivity<DeregisterActivity>(ExitActivities.Deregister);
        services.AddActivity<CloseCaseActivity>(ExitActivities.Close);

        // Objections need no sign-in, so each address may file only a few an hour.
        var permits = configuration.GetValue("Exits:ObjectionsPerHour", 5);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, token) =>
            {
                context.HttpContext.Response.ContentType = "text/html; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(
                    Pages.PageLayout.Render("提交过于频繁", "<p class=\"bad\">提交过于频繁，请一小时后再试。</p>"), token).ConfigureAwait(false);
            };
            options.AddPolicy(NoticeEndpoints.ObjectionRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromHours(1), QueueLimit = 0 }));
        });
        return services;
    }

    public static void MapExits(this WebApplication app)
    {
        app.MapDecisions();
        app.MapNotices();
        app.MapExitApi();
        app.MapExitPages();
    }
}

/// <summary>
/// Creates the tables and containers exits use as the app starts, retrying while storage is unreachable: the app
/// must still start (and answer its liveness probe) when storage is down.
/// </summary>
internal sealed class ExitStorageInitializer(
    ExitCaseStore cases, ObjectionIntake objections, LinkRedemptionStore redemptions, AuditLog audit, EvidenceStore evidence, NotificationOutbox outbox,
    ILogger<ExitStorageInitializer> logger)
    : BackgroundService
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await cases.InitializeAsync(stoppingToken).ConfigureAwait(false);
                await objections.InitializeAsync(stoppingToken).ConfigureAwait(false);
                await redemptions.InitializeAsync(stoppingToken).ConfigureAwait(false);
                await audit.InitializeAsync(stoppingToken).ConfigureAwait(false);
                await evidence.InitializeAsync(stoppingToken).ConfigureAwait(false);
                await outbox.InitializeAsync(stoppingToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Exit storage could not be created; retrying in {Interval}", RetryInterval);
                await Task.Delay(RetryInterval, stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
