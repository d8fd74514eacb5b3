using System.Net;
using Xunit;

namespace Workflow.App.Tests.Funds;

/// <summary>The county console's 扶贫资金 view: the form enters an allocation (its deadlines start), a bad one changes nothing.</summary>
public sealed class FundConsoleTests
{
    [Fact]
    public async Task The_console_form_enters_an_allocation_and_lists_it_and_a_negative_or_unreadable_amount_enters_nothing()
    {
        await using var bed = await FundTestBed.StartAsync();

        var refused = await PostAsync(bed, "-100");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("金额必须大于零。", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unreadable = await PostAsync(bed, "十万元");
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Contains("金额不是数字", await unreadable.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("data-allocation=", await bed.County.GetStringAsync($"/console/funds?county={bed.Places.Code}"), StringComparison.Ordinal);

        var entered = await PostAsync(bed, "50,000");
        Assert.Equal(HttpStatusCode.Redirect, entered.StatusCode);
        var page = entered.Headers.Location!.OriginalString;
        Assert.StartsWith("/funds/fund-", page, StringComparison.Ordinal);
        var id = page["/funds/".Length..];
        await bed.WaitForAsync(id, d => d.Steps.Count == 1 && d.Steps[0].Amount == 50_000m, "step 1 open");
        var allocationPage = await bed.County.GetStringAsync(page);
        Assert.Contains("2026-03-17", allocationPage, StringComparison.Ordinal);
        Assert.Contains("50,000.00", allocationPage, StringComparison.Ordinal);
        var console = await bed.County.GetStringAsync($"/console/funds?county={bed.Places.Code}");
        Assert.Contains($"data-allocation=\"{id}\"", console, StringComparison.Ordinal);
        Assert.Contains("待县财政拨付至镇财政所", console, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PostAsync(FundTestBed bed, string amount) =>
        bed.County.PostAsync("/console/funds/allocations", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["county"] = bed.Places.Code,
            ["township"] = bed.Township.Code,
            ["source"] = "省级财政专项扶贫资金",
            ["amount"] = amount,
            ["number"] = "县财字〔2026〕20号",
            ["date"] = "2026-03-02",
        }));
}
