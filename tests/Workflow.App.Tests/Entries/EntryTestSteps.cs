using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.App.Entries;
using Workflow.App.Entries.Web;
using Workflow.App.Exits;
using Workflow.App.Exits.Web;
using Workflow.App.Register;
using Workflow.App.Tests.Exits;
using Workflow.Domain.Exits;
using Workflow.Domain.Register;
using Xunit;

namespace Workflow.App.Tests.Entries;

/// <summary>What the entry tests do on the exit test bed: start an entry through the county API and take it through its steps by the links.</summary>
internal static class EntryTestSteps
{
    public static async Task<HttpResponseMessage> PostEntryAsync(ExitTestBed bed, EntryStartRequest request) =>
        await bed.County.PostAsJsonAsync($"/api/counties/{bed.CountyCode}/entries", request, ExitTestBed.Json);

    public static async Task<ExitCase> StartedAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<ExitCase>(ExitTestBed.Json))!;
    }

    public static async Task<string> RefusalAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return (await response.Content.ReadFromJsonAsync<StartOutcome>(ExitTestBed.Json))!.Message!;
    }

    /// <summary>An exited household of the test county (the demo county has exited ones besides those still to exit).</summary>
    public static async Task<RegisteredHousehold> ExitedHouseholdAsync(ExitTestBed bed)
    {
        var register = bed.Services.GetRequiredService<RegisterStore>();
        var places = await bed.Services.GetRequiredService<CountyDirectory>().FindPlacesAsync(bed.CountyCode, CancellationToken.None);
        foreach (var township in places!.Townships)
        {
            await foreach (var household in register.ReadTownshipAsync(bed.CountyCode, township.Code, CancellationToken.None))
            {
                if (household.Household.Status != PovertyStatus.NotExited)
                {
                    return household;
                }
            }
        }

        throw new InvalidOperationException("The test county has no exited household.");
    }

    /// <summary>Approves 民主评议 and 核实; returns when the notice runs.</summary>
    public static async Task DriveToNoticeAsync(ExitTestBed bed, ExitCase c)
    {
        await bed.ApproveAsync(c, ExitProcedure.Appraisal, "VillageCommittee");
        await bed.ApproveAsync(c, ExitProcedure.Verification, "WorkTeam");
        await bed.WaitForStepAsync(c.CaseId, ExitProcedure.Notice);
    }

    /// <summary>From the end of the notice: 乡镇审核, 县审定, then waits for 挂号.</summary>
    public static async Task<ExitCaseDetail> ApproveAfterNoticeAsync(ExitTestBed bed, ExitCase c)
    {
        await bed.ApproveAsync(c, ExitProcedure.TownshipReview, "TownshipApprover");
        await bed.ApproveAsync(c, ExitProcedure.CountyApproval, "CountyOfficer");
        return await bed.WaitForAsync(c.CaseId, d => d.Case.Status == ExitCaseStatus.Approved && d.Timeline.Any(t => t.Kind == TimelineKinds.Registered), "approved and registered");
    }
}
