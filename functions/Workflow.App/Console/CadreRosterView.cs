using Workflow.App.Monitoring;
using Workflow.App.Pages;
using Workflow.App.Register;
using Workflow.Domain.Calendar;
using Workflow.Domain.Monitoring;
using Workflow.Domain.Register;

namespace Workflow.App.Console;

/// <summary>
/// The console's 帮扶责任人 view (/console/cadres?county=), mapped with the console's other views: each cadre's households
/// and the monthly checks (一月一监测) they have not filed this month and this quarter, from the monitoring rounds.
/// </summary>
internal static class CadreRosterView
{
    public static async Task<IResult> ShowAsync(string? county, CountyDirectory directory, RegisterStore store, MonitoringReader monitoring, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (places, refusal) = await ConsoleRequest.FindCountyAsync(county, directory, cancellationToken);
        if (places is null)
        {
            return refusal!;
        }

        var today = ShanghaiTime.DateOf(time.GetUtcNow());
        var limit = CadreLimit.Of(places.Code, today.Year);
        var roster = CadreRoster.Of(await store.ReadCadreHouseholdsAsync(places.Code, cancellationToken), limit);
        var month = MonitoringMonth.Of(today);
        // The quarter so far: its months after this one have no round yet.
        var quarter = MonitoringMonth.OfQuarter(month.Year, month.Quarter).Where(m => m.FirstDay <= month.FirstDay).ToList();
        var missed = CadreChecks.Of(month, await monitoring.MissedChecksByCadreAsync(places.Code, quarter, cancellationToken));
        return PageResults.Page<CadreRosterPage>(new { Places = places, Roster = roster, Checks = missed });
    }
}
