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
        services.AddHostedService<ExitEventRedelivery>();

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

/// <summary>Creates the tables and containers exits use before the app takes requests or runs activities.</summary>
internal sealed class ExitStorageInitializer(
    ExitCaseStore cases, ObjectionIntake objections, LinkRedemptionStore redemptions, AuditLog audit, EvidenceStore evidence, NotificationOutbox outbox)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await cases.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await objections.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await redemptions.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await audit.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await evidence.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await outbox.InitializeAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
