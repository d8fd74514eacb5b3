using Microsoft.Extensions.Options;
using Workflow.Domain.Calendar;
using Workflow.App.Hosting;

namespace Workflow.App.Analytics;

/// <summary>
/// 每日导出: the daily export, checked every half hour by the timer function (the standalone scheduler locally). It
/// runs once a China day, on the first tick after <see cref="AnalyticsOptions.DailyExportTime"/>; a run that failed
/// or was stopped is retried on the next tick and resumes where it stopped. Before a county is registered there is
/// nothing to analyse, and nothing is exported.
/// </summary>
public sealed class DailyExport(AnalyticsExporter exporter, ExportState state, Register.CountyDirectory directory, TimeProvider time, IOptions<AnalyticsOptions> options, ILogger<DailyExport> logger) : IScheduledWork
{
    public const string FunctionName = "AnalyticsExport";

    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(30);

    // Created on the first tick, not at start, so a storage outage at start does not stop the app.
    private volatile bool _created;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await exporter.InitializeAsync(cancellationToken).ConfigureAwait(false);
            _created = true;
        }

        var now = time.GetUtcNow();
        var today = ShanghaiTime.DateOf(now);
        if (now < ShanghaiTime.StartOf(today) + options.Value.DailyExportTime
            || await state.LastCompletedAsync(ExportRequest.Daily, cancellationToken).ConfigureAwait(false) >= today
            || (await directory.ListAsync(cancellationToken).ConfigureAwait(false)).Count == 0)
        {
            return;
        }

        var report = await exporter.ExportAsync(new ExportRequest(ExportRequest.Daily), cancellationToken).ConfigureAwait(false);
        if (report.Busy)
        {
            logger.LogInformation("The daily export waits: another export is running");
        }
    }
}
