using Workflow.App.Pages;
using Workflow.App.Register;
using Workflow.Domain.Calendar;
using Workflow.Domain.Register;

namespace Workflow.App.Console;

/// <summary>The console's 帮扶责任人 view (/console/cadres?county=), mapped with the console's other views.</summary>
internal static class CadreRosterView
{
    public static async Task<IResult> ShowAsync(string? county, CountyDirectory directory, RegisterStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var (places, refusal) = await ConsoleRequest.FindCountyAsync(county, directory, cancellationToken);
        if (places is null)
        {
            return refusal!;
        }

        var limit = CadreLimit.Of(places.Code, ShanghaiTime.DateOf(time.GetUtcNow()).Year);
        var roster = CadreRoster.Of(await store.ReadCadreHouseholdsAsync(places.Code, cancellationToken), limit);
        return PageResults.Page<CadreRosterPage>(new { Places = places, Roster = roster });
    }
}
