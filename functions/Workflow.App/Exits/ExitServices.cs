using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Workflow.App.Audit;
using Workflow.App.Durable;
using Workflow.App.Evidence;
using Workflow.App.Exits.Orchestration;
using Workflow.App.Exits.Web;
using Workflow.App.Hosting;
using Workflow.App.Links;
using Workflow.App.Notifications;

namespace Workflow.App.Exits;

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
        // The link, audit, evidence and outbox stores are shared with the ledger and the campaign; exits create them.
        services.AddStorageInitialization("exit", async (provider, token) =>
        {
            await provider.GetRequiredService<ExitCaseStore>().InitializeAsync(token).ConfigureAwait(false);
            await provider.GetRequiredService<ObjectionIntake>().InitializeAsync(token).ConfigureAwait(false);
            await provider.GetRequiredService<LinkRedemptionStore>().InitializeAsync(token).ConfigureAwait(false);
            await provider.GetRequiredService<AuditLog>().InitializeAsync(token).ConfigureAwait(false);
            await provider.GetRequiredService<EvidenceStore>().InitializeAsync(token).ConfigureAwait(false);
            await provider.GetRequiredService<NotificationOutbox>().InitializeAsync(token).ConfigureAwait(false);
        });
        services.AddSingleton<IKeptDecisionDelivery>(provider => provider.GetRequiredService<DecisionIntake>());
        services.AddSingleton<IKeptDecisionDelivery>(provider => provider.GetRequiredService<ObjectionIntake>());

        services.AddTaskOrchestrator<HouseholdExitOrchestrator>(HouseholdExitOrchestrator.Name);
        services.AddTaskActivity<OpenStepActivity>(ExitActivities.OpenStep);
        services.AddTaskActivity<RemindActivity>(ExitActivities.Remind);
        services.AddTaskActivity<EscalateActivity>(ExitActivities.Escalate);
        services.AddTaskActivity<RecordDecisionActivity>(ExitActivities.RecordDecision);
        services.AddTaskActivity<OpenNoticeActivity>(ExitActivities.OpenNotice);
        services.AddTaskActivity<RecordObjectionActivity>(ExitActivities.RecordObjection);
        services.AddTaskActivity<AppendTimelineActivity>(ExitActivities.AppendTimeline);
        services.AddTaskActivity<DeregisterActivity>(ExitActivities.Deregister);
        services.AddTaskActivity<CloseCaseActivity>(ExitActivities.Close);

        // Objections (to any notice: exits, projects) need no sign-in, so each address may file only a few an hour.
        var permits = configuration.GetValue("Exits:ObjectionsPerHour", 5);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) => new ValueTask(
                Pages.PageResults.Message("提交过于频繁", "提交过于频繁，请一小时后再试。", StatusCodes.Status429TooManyRequests).ExecuteAsync(context.HttpContext));
            options.AddPolicy(Notices.ObjectionRules.RateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromHours(1), QueueLimit = 0 }));
        });
        return services;
    }

    public static void MapExits(this IEndpointRouteBuilder app)
    {
        app.MapDecisions();
        app.MapNotices();
        app.MapExitApi();
        app.MapExitPages();
    }
}
