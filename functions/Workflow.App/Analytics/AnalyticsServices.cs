using Microsoft.Extensions.Options;
using Workflow.App.Analytics.OData;
using Workflow.App.Analytics.Sources;
using Workflow.App.Hosting;

namespace Workflow.App.Analytics;

/// <summary>
/// Wires the Power BI export: the sources (one per table of <see cref="AnalyticsSchema"/>), the exporter, the daily
/// timer, the county's on-demand endpoint and the OData feed. Outside Development the household key secret must be
/// configured (Key Vault on Azure); in Development a fixed one keeps keys stable across local runs.
/// </summary>
public static class AnalyticsServices
{
    private static readonly byte[] DevelopmentSecret = "workflow-analytics-development-household-key"u8.ToArray();

    public static IServiceCollection AddAnalytics(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<AnalyticsOptions>().Bind(configuration.GetSection(AnalyticsOptions.Section));
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<AnalyticsOptions>>();
            return new HouseholdPseudonyms(() => options.Value.HouseholdKeySecret is { Length: > 0 } secret
                ? Convert.FromBase64String(secret)
                : environment.IsDevelopment()
                    ? DevelopmentSecret
                    : throw new InvalidOperationException("Analytics:HouseholdKeySecret is not set; it is required outside Development (Key Vault on Azure)."));
        });
        services.AddSingleton<IExportSource, DateDimension>();
        services.AddSingleton<IExportSource, TownshipDimension>();
        services.AddSingleton<IExportSource, VillageDimension>();
        services.AddSingleton<IExportSource, HouseholdDimension>();
        services.AddSingleton<IExportSource, PhaseDimension>();
        services.AddSingleton<IExportSource, PlanTaskDimension>();
        services.AddSingleton<IExportSource, UnitDimension>();
        services.AddSingleton<IExportSource, ExitCaseFacts>();
        services.AddSingleton<IExportSource, ExitStepFacts>();
        services.AddSingleton<IExportSource, IndicatorResultFacts>();
        services.AddSingleton<IExportSource, RectificationItemFacts>();
        services.AddSingleton<IExportSource, TownshipScoreFacts>();
        services.AddSingleton<IExportSource, PhaseTransitionFacts>();
        services.AddSingleton<IExportSource, TaskProgressReportFacts>();
        services.AddSingleton<IExportSource, EntryCaseFacts>();
        services.AddSingleton<IExportSource, MonitoringCheckFacts>();
        services.AddSingleton<IExportSource, MonitoringAlertFacts>();
        services.AddSingleton<IExportSource, MonthlyChangeFacts>();
        services.AddSingleton<IExportSource, FundAllocationFacts>();
        services.AddSingleton<IExportSource, DisbursementStepFacts>();
        services.AddSingleton<IExportSource, ProjectFacts>();
        services.AddSingleton<IExportSource, ProjectQuarterFacts>();
        services.AddSingleton<IExportSource, LoanFacts>();
        services.AddSingleton<MonitoringRounds>();
        services.AddSingleton<CampaignPlans>();
        services.AddSingleton<ExitHistoryReader>();
        services.AddSingleton<ExportState>();
        services.AddSingleton<AnalyticsExporter>();
        services.AddSingleton<AnalyticsAccess>();
        services.AddSingleton<ODataFeed>();
        services.AddScheduledWork<DailyExport>(DailyExport.FunctionName, DailyExport.Interval);
        return services;
    }
}
