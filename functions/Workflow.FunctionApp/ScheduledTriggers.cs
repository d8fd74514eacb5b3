using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Workflow.App.Analytics;
using Workflow.App.Funds.Reports;
using Workflow.App.Hosting;
using Workflow.App.Links;
using Workflow.App.Loans.Usage;
using Workflow.App.Monitoring;
using Workflow.App.Notifications;

namespace Workflow.FunctionApp;

/// <summary>
/// 定时触发: one timer function per <see cref="ScheduledWork"/>, running the same work the standalone host's scheduler
/// runs. The schedules are the works' intervals as NCRONTAB (a test holds each to its <see cref="ScheduledWork.Interval"/>).
/// A failure fails the invocation; the next tick runs the work again, as standalone.
/// </summary>
public sealed class ScheduledTriggers(IServiceProvider services)
{
    public const string OutboxSweepSchedule = "*/5 * * * * *";
    public const string KeptDecisionRedeliverySchedule = "*/15 * * * * *";
    public const string AnalyticsExportSchedule = "0 */30 * * * *";
    public const string MonitoringRoundsSchedule = "0 0 * * * *";
    public const string LoanRoundsSchedule = "0 0 */6 * * *";
    public const string FundReportRoundSchedule = "0 0 */6 * * *";

    [Function(OutboxSweep.FunctionName)]
    public Task RunOutboxSweep([TimerTrigger(OutboxSweepSchedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        RunAsync(OutboxSweep.FunctionName, cancellationToken);

    [Function(KeptDecisionRedelivery.FunctionName)]
    public Task RunKeptDecisionRedelivery([TimerTrigger(KeptDecisionRedeliverySchedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        RunAsync(KeptDecisionRedelivery.FunctionName, cancellationToken);

    [Function(MonthlyRoundSchedule.FunctionName)]
    public Task RunMonitoringRounds([TimerTrigger(MonitoringRoundsSchedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        RunAsync(MonthlyRoundSchedule.FunctionName, cancellationToken);

    [Function(LoanUsageRound.FunctionName)]
    public Task RunLoanUsageRound([TimerTrigger(LoanRoundsSchedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        RunAsync(LoanUsageRound.FunctionName, cancellationToken);

    [Function(InterestSubsidyRound.FunctionName)]
    public Task RunInterestSubsidyRound([TimerTrigger(LoanRoundsSchedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        RunAsync(InterestSubsidyRound.FunctionName, cancellationToken);

    [Function(FundReportRound.FunctionName)]
    public Task RunFundReportRound([TimerTrigger(FundReportRoundSchedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        RunAsync(FundReportRound.FunctionName, cancellationToken);

    [Function(DailyExport.FunctionName)]
    public Task RunAnalyticsExport([TimerTrigger(AnalyticsExportSchedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        RunAsync(DailyExport.FunctionName, cancellationToken);

    private Task RunAsync(string functionName, CancellationToken cancellationToken) =>
        services.GetServices<ScheduledWork>().Single(work => work.FunctionName == functionName).Resolve(services).RunAsync(cancellationToken);
}
