using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Domain.Rectification;
using Workflow.App.Rectification;
using Xunit;

namespace Workflow.App.Tests.Rectification;

/// <summary>
/// What the county reads: the console ledger with its filters and CSV download, the item page and the 督办单, with
/// user text shown as text; and the campaign gates' view through <see cref="IRectificationLedger"/>.
/// </summary>
public sealed class LedgerViewTests
{
    private const string ScriptDescription = "<script>alert('描述')</script>危房未改造";
    private const string ImageReason = "<img src=x onerror=alert(1)>缺验收单";
    private const string BoldStatement = "<b>已整改</b>";

    [Fact]
    public async Task Description_reasons_and_statements_with_markup_are_shown_as_text_everywhere()
    {
        await using var bed = await LedgerTestBed.StartAsync();
        var item = await bed.EnterAsync(LedgerTestBed.Finding(description: ScriptDescription, deadline: "2026-03-02"));
        bed.Advance(TimeSpan.FromDays(1));
        await bed.WaitForAsync(item.ItemId, d => d.Item.Stage == OverdueStage.Supervised, "supervised");
        Assert.Equal(HttpStatusCode.OK, (await bed.SubmitAsync(await bed.SubmitLinkAsync(item, count: 2), comment: BoldStatement)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bed.VerifyAsync(await bed.VerifyLinkAsync(item), close: false, comment: ImageReason)).StatusCode);
        await bed.WaitForAsync(item.ItemId, d => d.Item.Round == 2, "sent back");

        var pages = new[]
        {
            await bed.County.GetStringAsync($"/rectifications/{item.ItemId}"),
            await bed.County.GetStringAsync($"/console/ledger?county={bed.CountyCode}&year={LedgerTestBed.Year}"),
            await bed.County.GetStringAsync($"/rectifications/{item.ItemId}/supervision-notice"),
            await bed.Anonymous.GetStringAsync(await bed.SubmitLinkAsync(item, round: 2)),
        };
        foreach (var page in pages)
        {
            // Under the Content-Security-Policy (default-src 'self') nothing inline would run or apply: print goes through site.js.
            foreach (var inline in new[] { "<style", " style=\"", " onclick=", " onsubmit=", "<script>" })
            {
                Assert.DoesNotContain(inline, page, StringComparison.Ordinal);
            }

            Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(&#x27;描述&#x27;)&lt;/script&gt;危房未改造", page, StringComparison.Ordinal);
        }

        Assert.Contains("data-print", pages[2], StringComparison.Ordinal);
        foreach (var page in new[] { pages[0], pages[3] })
        {
            Assert.DoesNotContain("<img src=x", page, StringComparison.Ordinal);
            Assert.Contains("&lt;img src=x onerror=alert(1)&gt;缺验收单", page, StringComparison.Ordinal);
            Assert.DoesNotContain(BoldStatement, page, StringComparison.Ordinal);
            Assert.Contains("&lt;b&gt;已整改&lt;/b&gt;", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_console_ledger_filters_by_source_unit_township_status_and_overdue_and_downloads_what_it_shows_as_csv()
    {
        await using var bed = await LedgerTestBed.StartAsync();
        var jinshan = bed.Places.Townships.Single(t => t.Name == "金山镇");
        var housing = await bed.EnterAsync(LedgerTestBed.Finding(description: "危房改造未验收", deadline: "2026-03-02"));
        var water = await bed.EnterAsync(LedgerTestBed.Finding(description: "=HYPERLINK(\"http://x\",\"点击\")", unit: "县水务局", township: "金山镇", source: "国检"));
        var funds = await bed.EnterAsync(LedgerTestBed.Finding(description: "扶贫资金滞留", unit: "县财政局", township: null, source: "审计"));
        await bed.CloseThroughLinksAsync(funds);
        bed.Advance(TimeSpan.FromDays(1));
        await bed.WaitForAsync(housing.ItemId, d => d.Item.Stage == OverdueStage.Supervised, "supervised");
        // Entered items are 待整改 until their orchestration hands them to the unit: the status filters below need 整改中.
        await bed.WaitForStatusAsync(water.ItemId, RectificationStatus.InProgress);

        async Task<string[]> Shown(string query)
        {
            var page = await bed.County.GetStringAsync($"/console/ledger?county={bed.CountyCode}&year={LedgerTestBed.Year}&{query}");
            return [.. new[] { housing, water, funds }.Where(i => page.Contains($"data-item=\"{i.ItemId}\"", StringComparison.Ordinal)).Select(i => i.ItemId)];
        }

        Assert.Equal([housing.ItemId, water.ItemId, funds.ItemId], (await Shown(string.Empty)).Order());
        Assert.Equal([water.ItemId], await Shown("source=National"));
        Assert.Equal([water.ItemId], await Shown("source=" + Uri.EscapeDataString("国检")));
        Assert.Equal([funds.ItemId], await Shown("unit=" + Uri.EscapeDataString("县财政局")));
        Assert.Equal([water.ItemId], await Shown("township=" + jinshan.Code));
        Assert.Equal([funds.ItemId], await Shown("status=Closed"));
        Assert.Equal([housing.ItemId], await Shown("overdue=true"));
        // A quote in a filter value reaches the table filter as a value, not as filter syntax.
        Assert.Empty(await Shown("unit=" + Uri.EscapeDataString("x' or PartitionKey ne '")));

        var ledger = await bed.County.GetStringAsync($"/console/ledger?county={bed.CountyCode}&year={LedgerTestBed.Year}");
        Assert.Contains($"/rectifications/{housing.ItemId}/supervision-notice", ledger, StringComparison.Ordinal);
        Assert.Contains("format=csv", ledger, StringComparison.Ordinal);

        var csv = await bed.County.GetAsync($"/console/ledger?county={bed.CountyCode}&year={LedgerTestBed.Year}&status=InProgress&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("编号,来源,类别,问题描述,乡镇,责任单位,整改时限", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.Contains("'=HYPERLINK", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(",=HYPERLINK", StringComparison.Ordinal) || l.Contains(",\"=HYPERLINK", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(housing.ItemId, StringComparison.Ordinal) && l.Contains("已督办", StringComparison.Ordinal));

        // A unit named like filter syntax is matched as exactly that name, and only by it.
        const string quoted = "x' or PartitionKey ne '";
        var odd = await bed.EnterAsync(LedgerTestBed.Finding(description: "责任单位名含引号", unit: quoted));
        var oddPage = await bed.County.GetStringAsync($"/console/ledger?county={bed.CountyCode}&year={LedgerTestBed.Year}&unit={Uri.EscapeDataString(quoted)}");
        Assert.Equal([odd.ItemId], new[] { housing, water, funds, odd }.Where(i => oddPage.Contains($"data-item=\"{i.ItemId}\"", StringComparison.Ordinal)).Select(i => i.ItemId));
        Assert.Empty(await Shown("unit=" + Uri.EscapeDataString("x")));
    }

    [Fact]
    public async Task The_console_form_enters_a_finding_and_the_console_upload_reports_broken_rows()
    {
        await using var bed = await LedgerTestBed.StartAsync();
        var entered = await bed.County.PostAsync("/console/ledger/findings", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["county"] = bed.CountyCode, ["year"] = "2026", ["source"] = "巡察", ["category"] = "作风建设", ["description"] = "驻村工作队脱岗",
            ["township"] = "碧城镇", ["unit"] = "县委组织部", ["deadline"] = "2026-04-10",
        }));
        Assert.Equal(HttpStatusCode.Redirect, entered.StatusCode);
        Assert.StartsWith("/rectifications/", entered.Headers.Location!.OriginalString, StringComparison.Ordinal);

        using var upload = new MultipartFormDataContent
        {
            { new StringContent(bed.CountyCode), "county" },
            { new StringContent("2026"), "year" },
            { new ByteArrayContent(FindingFiles.Csv([FindingFiles.Header, ["省检", "住房安全", "<i>危房</i>", "碧城镇", "县住建局", "2026-04-30"], ["省检", "住房安全", "无时限", "碧城镇", "县住建局", ""]], true)), "file", "清单.csv" },
        };
        var report = await bed.County.PostAsync("/console/ledger/imports", upload);
        var page = await report.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Contains("data-kept=\"1\" data-added=\"1\"", page, StringComparison.Ordinal);
        Assert.Contains("<td>3</td><td>整改时限</td>", page, StringComparison.Ordinal);
        Assert.Equal(2, (await bed.ListAsync()).Count);

        using var stranger = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = bed.Anonymous.BaseAddress };
        var anonymous = await stranger.GetAsync($"/console/ledger?county={bed.CountyCode}&year=2026");
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.DoesNotContain("驻村工作队脱岗", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_gate_view_lists_the_years_unclosed_items_by_deadline_and_counts_findings_per_source()
    {
        await using var bed = await LedgerTestBed.StartAsync();
        var ledger = bed.Services.GetRequiredService<IRectificationLedger>();
        Assert.Same(bed.Services.GetRequiredService<RectificationStore>(), ledger);
        var late = await bed.EnterAsync(LedgerTestBed.Finding(description: "问题甲", deadline: "2026-06-30", source: "第三方评估"));
        var early = await bed.EnterAsync(LedgerTestBed.Finding(description: "问题乙", deadline: "2026-04-30", source: "第三方评估"));
        var closed = await bed.EnterAsync(LedgerTestBed.Finding(description: "问题丙", deadline: "2026-05-31", source: "第三方评估"));
        await bed.EnterAsync(LedgerTestBed.Finding(description: "下一年度的问题", deadline: "2027-03-31", source: "第三方评估"), year: 2027);
        await bed.CloseThroughLinksAsync(closed);

        var unclosed = await ledger.ListUnclosedAsync(bed.CountyCode, 2026, CancellationToken.None);
        Assert.Equal([early.ItemId, late.ItemId], unclosed.Select(u => u.ItemId));
        Assert.Equal(new UnclosedRectification(early.ItemId, FindingSource.ThirdPartyEvaluation, "问题乙", "县住建局", new DateOnly(2026, 4, 30), "整改中"), unclosed[0]);
        Assert.Equal(3, await ledger.CountFindingsAsync(bed.CountyCode, 2026, FindingSource.ThirdPartyEvaluation, CancellationToken.None));
        Assert.Equal(0, await ledger.CountFindingsAsync(bed.CountyCode, 2026, FindingSource.National, CancellationToken.None));
        Assert.Equal(1, await ledger.CountFindingsAsync(bed.CountyCode, 2027, FindingSource.ThirdPartyEvaluation, CancellationToken.None));
        Assert.Empty(await ledger.ListUnclosedAsync("999999", 2026, CancellationToken.None));
    }
}
