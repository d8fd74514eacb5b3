using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflow.Domain.Calendar;
using Workflow.App.Durable;
using Workflow.App.Funds.Objections;
using Workflow.App.Funds.Orchestration;
using Workflow.App.Funds.Reports;
using Workflow.App.Funds.Web;
using Workflow.App.Hosting;
using Workflow.App.Links;

namespace Workflow.App.Funds;

/// <summary>
/// Wires fund disbursement (扶贫资金拨付): the store, the allocation workflow and its step workflows with their
/// activities, the link intake, the county API and pages. The working-day calendar is a service so a test (or a county
/// with its own published days) can replace it; by default it is the shipped national calendar.
/// </summary>
public static class FundServices
{
    public static IServiceCollection AddFunds(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(WorkingCalendar.China);
        services.AddSingleton<FundDeadlines>();
        services.AddSingleton<FundStore>();
        services.AddSingleton<FundRequests>();
        services.AddSingleton<FundIntake>();
        services.AddSingleton<FundEntry>();
        services.AddSingleton<IKeptDecisionDelivery>(provider => provider.GetRequiredService<FundIntake>());
        services.AddStorageInitialization("funds", (provider, token) => provider.GetRequiredService<FundStore>().InitializeAsync(token));
        services.AddSingleton<FundReportStore>();
        services.AddSingleton<FundReportLinks>();
        services.AddStorageInitialization("fundReports", (provider, token) => provider.GetRequiredService<FundReportStore>().InitializeAsync(token));
        services.AddSingleton<FundObjectionStore>();
        services.AddSingleton<FundObjections>();
        services.AddStorageInitialization("fundObjections", (provider, token) => provider.GetRequiredService<FundObjectionStore>().InitializeAsync(token));
        services.AddScheduledWork<FundReportRound>(FundReportRound.FunctionName, FundReportRound.Interval);

        services.AddTaskOrchestrator<FundDisbursementOrchestrator>(FundDisbursementOrchestrator.Name);
        services.AddTaskOrchestrator<DisbursementStepOrchestrator>(DisbursementStepOrchestrator.Name);
        services.AddTaskActivity<OpenStepActivity>(FundActivities.OpenStep);
        services.AddTaskActivity<RemindActivity>(FundActivities.Remind);
        services.AddTaskActivity<SuperviseActivity>(FundActivities.Supervise);
        services.AddTaskActivity<SummonActivity>(FundActivities.Summon);
        services.AddTaskActivity<RecordPaymentActivity>(FundActivities.RecordPayment);
        services.AddTaskActivity<OpenRequestActivity>(FundActivities.OpenRequest);
        services.AddTaskActivity<RecordRequestActivity>(FundActivities.RecordRequest);
        services.AddTaskActivity<CompleteActivity>(FundActivities.Complete);
        return services;
    }

    public static void MapFunds(this IEndpointRouteBuilder app)
    {
        app.MapFundLinks();
        app.MapFundApi();
        app.MapFundPages();
        app.MapFundNotices();
        app.MapFundConsole();
        app.MapFundReports();
        app.MapFundObjections();
    }
}
