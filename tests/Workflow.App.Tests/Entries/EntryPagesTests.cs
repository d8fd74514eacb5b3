using System.Net;
using Workflow.App.Tests.Exits;
using Xunit;

namespace Workflow.App.Tests.Entries;

/// <summary>
/// The county office's entry page: it says whether 动态调整 is open, its 返贫 form refuses a 未脱贫 household in zh-CN
/// and starts an exited one, and the case opens on the case page worded as an entry.
/// </summary>
public sealed class EntryPagesTests
{
    [Fact]
    public async Task The_relapse_form_refuses_a_household_not_exited_and_starts_an_exited_one_shown_as_an_entry_case()
    {
        await using var bed = await ExitTestBed.StartAsync();
        var page = await bed.County.GetStringAsync($"/exits/entries?county={bed.CountyCode}");
        Assert.Contains("动态调整未开放", page, StringComparison.Ordinal);
        Assert.Contains("action=\"/exits/entries/new\"", page, StringComparison.Ordinal);

        var notExited = bed.Households[0].Household.Number;
        var refused = await bed.County.PostAsync("/exits/entries/relapse", new FormUrlEncodedContent(
            [new("county", bed.CountyCode), new("household", notExited), new("reason", "因灾"), new("source", "乡镇提名"), new("proposedBy", "碧城镇")]));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("该户未脱贫，无需返贫纳入。", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var exited = (await EntryTestSteps.ExitedHouseholdAsync(bed)).Household.Number;
        var started = await bed.County.PostAsync("/exits/entries/relapse", new FormUrlEncodedContent(
            [new("county", bed.CountyCode), new("household", exited), new("reason", "家中遭遇洪灾，房屋受损"), new("source", "监测预警"), new("proposedBy", "张帮扶")]));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Equal($"/exits/{bed.CountyCode}-{exited}-R1", started.Headers.Location!.OriginalString);

        var casePage = await bed.County.GetStringAsync(started.Headers.Location!.OriginalString);
        Assert.Contains("纳入案件详情（返贫纳入）", casePage, StringComparison.Ordinal);
        Assert.Contains("家中遭遇洪灾，房屋受损（监测预警，提出：张帮扶）", casePage, StringComparison.Ordinal);
        Assert.Contains($"{bed.CountyCode}-{exited}-R1", await bed.County.GetStringAsync($"/exits/entries?county={bed.CountyCode}"), StringComparison.Ordinal);
        Assert.DoesNotContain($"{bed.CountyCode}-{exited}-R1", await bed.County.GetStringAsync($"/exits?county={bed.CountyCode}"), StringComparison.Ordinal);
    }
}
