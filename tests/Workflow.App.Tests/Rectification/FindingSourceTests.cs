using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Workflow.App.Rectification;
using Workflow.Domain.Rectification;
using Xunit;

namespace Workflow.App.Tests.Rectification;

/// <summary>
/// Sources seeds 002 and 004 name (白城市检, 自查自纠, 督查) and 禄丰's own (暗访督战, Rectification/Sources) through
/// the import, the store, the ledger page's select and filter, the item page and the analytics read; another county
/// refuses 禄丰's own source and says what it may use.
/// </summary>
public sealed class FindingSourceTests
{
    [Fact]
    public async Task Seed_named_and_county_sources_import_store_filter_and_show_by_their_chinese_names()
    {
        await using var bed = await LedgerTestBed.StartAsync();
        Assert.Equal("532331", bed.CountyCode);
        var report = await bed.ImportAsync("反馈问题.csv", FindingFiles.Csv(
        [
            FindingFiles.Header,
            ["白城市检", "档案管理", "扶贫档案不全", "碧城镇", "县扶贫办", "2026-04-30"],
            ["自查自纠", "精准识别", "1户漏评", "碧城镇", "碧城镇人民政府", "2026-04-30"],
            ["督查", "项目管理", "项目进度滞后", "", "县发改局", "2026-05-31"],
            ["暗访督战", "饮水安全", "饮水不稳定", "金山镇", "县水务局", "2026-05-31"],
            ["抽查", "住房安全", "来源写错的问题", "碧城镇", "县住建局", "2026-04-30"],
        ], byteOrderMark: true));

        Assert.Equal((4, 4), (report.Kept, report.Added));
        var refused = Assert.Single(report.Errors);
        Assert.Equal((6, "来源"), (refused.Line, refused.Column));
        Assert.Contains("「抽查」无法识别，本县可填：国检、省检、市检、第三方评估、巡察、审计、自查自纠、督查、暗访督战", refused.Reason, StringComparison.Ordinal);

        // Read back from the table: built-in sources by their member, the county's own with its name.
        var ledger = await bed.ListAsync();
        Assert.Equal(
            [("扶贫档案不全", FindingSource.Municipal, (string?)null), ("1户漏评", FindingSource.SelfInspection, null),
             ("项目进度滞后", FindingSource.Supervision, null), ("饮水不稳定", FindingSource.CountyDefined, "暗访督战")],
            ledger.OrderBy(i => i.Finding.Deadline).ThenBy(i => i.Finding.Source).Select(i => (i.Finding.Description, i.Finding.Source, i.Finding.SourceLabel)));
        var own = ledger.Single(i => i.Finding.SourceLabel == "暗访督战");
        var stored = bed.Services.GetRequiredService<RectificationStore>();
        Assert.Equal(own, await stored.GetAsync(own.ItemId, CancellationToken.None));
        var exported = new List<LedgerEntry>();
        await foreach (var entry in stored.ReadCountyAsync(bed.CountyCode, CancellationToken.None))
        {
            exported.Add(entry);
        }

        Assert.Equal("暗访督战", exported.Single(e => e.ItemId == own.ItemId).SourceName);

        var page = await bed.County.GetStringAsync($"/console/ledger?county={bed.CountyCode}&year={LedgerTestBed.Year}");
        foreach (var name in new[] { "自查自纠", "督查", "暗访督战" })
        {
            Assert.Contains($"<option value=\"{name}\">{name}</option>", page, StringComparison.Ordinal);
        }

        var filtered = await bed.County.GetStringAsync($"/console/ledger?county={bed.CountyCode}&year={LedgerTestBed.Year}&source={Uri.EscapeDataString("暗访督战")}");
        Assert.Equal([own.ItemId], ledger.Where(i => filtered.Contains($"data-item=\"{i.ItemId}\"", StringComparison.Ordinal)).Select(i => i.ItemId));
        Assert.Contains("<option value=\"暗访督战\" selected>暗访督战</option>", filtered, StringComparison.Ordinal);
        Assert.Contains("<td>暗访督战</td>", filtered, StringComparison.Ordinal);
        Assert.Equal(["扶贫档案不全"], (await bed.ListAsync("source=" + Uri.EscapeDataString("市检"))).Select(i => i.Finding.Description));

        Assert.Contains("暗访督战", await bed.County.GetStringAsync($"/rectifications/{own.ItemId}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_county_refuses_the_county_source_in_its_filter_and_form_and_lists_what_it_may_use()
    {
        await using var bed = await LedgerTestBed.StartAsync();
        var other = await bed.County.GetAsync($"/api/counties/220881/rectifications/{LedgerTestBed.Year}?source={Uri.EscapeDataString("暗访督战")}");
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Contains("来源可选：国检、省检、市检、第三方评估、巡察、审计、自查自纠、督查。", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var ours = await bed.County.GetAsync($"/api/counties/{bed.CountyCode}/rectifications/{LedgerTestBed.Year}?source={Uri.EscapeDataString("暗访督战")}");
        Assert.Equal(HttpStatusCode.OK, ours.StatusCode);

        // The form of the console enters the county's own source too.
        var entered = await bed.County.PostAsync("/console/ledger/findings", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["county"] = bed.CountyCode, ["year"] = "2026", ["source"] = "专项巡视", ["category"] = "作风建设", ["description"] = "专项巡视反馈问题",
            ["township"] = "碧城镇", ["unit"] = "县委组织部", ["deadline"] = "2026-04-10",
        }));
        Assert.Equal(HttpStatusCode.Redirect, entered.StatusCode);
        Assert.Equal("专项巡视", Assert.Single(await bed.ListAsync()).Finding.SourceName);
    }
}
