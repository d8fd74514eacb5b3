using Workflow.App.Durable;
using Workflow.App.Hosting;
using Workflow.App.Loans.Orchestration;
using Workflow.App.Loans.Usage;
using Workflow.App.Loans.Web;

namespace Workflow.App.Loans;

/// <summary>Wires small loans (扶贫小额信贷): the ledger, its import, the maturity notices' workflow, the monthly usage check, the half-yearly interest-subsidy reminder and the console's view.</summary>
public static class LoanServices
{
    public static IServiceCollection AddLoans(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<LoanStore>();
        services.AddSingleton<LoanNotices>();
        services.AddSingleton<LoanImporter>();
        services.AddSingleton<LoanUsageStore>();
        services.AddSingleton<LoanUsageLinks>();
        services.AddSingleton<LoanNoticeLinks>();
        services.AddStorageInitialization("loans", async (provider, token) =>
        {
            await provider.GetRequiredService<LoanStore>().InitializeAsync(token).ConfigureAwait(false);
            await provider.GetRequiredService<LoanUsageStore>().InitializeAsync(token).ConfigureAwait(false);
        });
        services.AddScheduledWork<LoanUsageRound>(LoanUsageRound.FunctionName, LoanUsageRound.Interval);
        services.AddScheduledWork<InterestSubsidyRound>(InterestSubsidyRound.FunctionName, InterestSubsidyRound.Interval);
        services.AddTaskOrchestrator<LoanMaturityOrchestrator>(LoanMaturityOrchestrator.Name);
        services.AddTaskActivity<ScheduleActivity>(LoanActivities.Schedule);
        services.AddTaskActivity<SendNoticeActivity>(LoanActivities.SendNotice);
        return services;
    }

    public static void MapLoans(this IEndpointRouteBuilder app)
    {
        app.MapLoanEndpoints();
        app.MapLoanUsage();
    }
}
