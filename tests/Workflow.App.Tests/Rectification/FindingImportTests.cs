using System.Net;
using System.Net.Http.Json;
using Workflow.App.Rectification;
using Xunit;

namespace Workflow.App.Tests.Rectification;

/// <summary>
/// A findings file with broken rows: the good rows become items, each broken row is reported by line (as the
/// spreadsheet shows it) and column with a zh-CN reason, and the same findings uploaded again — with or without a BOM,
/// or as a workbook — add nothing.
/// </summary>
public sealed class FindingImportTests
{
    private static List<string[]> Rows(string jinshanCode) =>
    [
        FindingFiles.Header,
        ["省检", "住房安全", "3户危房改造未验收", "碧城镇", "县住建局", "2026-04-30"],
        ["抽查", "住房安全", "来源写错的问题", "碧城镇", "县住建局", "2026-04-30"],
        ["市检", "饮水安全", "乡镇写错的问题", "不存在镇", "县水务局", "2026-04-30"],
        ["巡察", "作风建设", "日期写错的问题", "碧城镇", "碧城镇人民政府", "2026-13-01"],
        ["第三方评估", "产业发展", "产业分红未兑现到户", "", "县农业农村局", "2026-05-31"],
        ["国检", "政策落实", "", "碧城镇", "县医保局", "2026-04-30"],
        ["省检", "住房安全", "3户危房改造未验收", "碧城镇", "县住建局", "2026-04-30"],
        ["审计", "资金管理", "扶贫资金滞留乡镇财政所", jinshanCode, "金山镇人民政府", "2026-06-30"],
    ];

    [Fact]
    public async Task Good_rows_are_kept_bad_ones_reported_by_line_and_column_and_a_re_upload_with_a_bom_or_as_xlsx_adds_nothing()
    {
        await using var bed = await LedgerTestBed.StartAsync();
        var jinshan = bed.Places.Townships.Single(t => t.Name == "金山镇");
        var rows = Rows(jinshan.Code);

        var first = await bed.ImportAsync("反馈问题.csv", FindingFiles.Csv(rows, byteOrderMark: false));
        Assert.Equal("CSV（UTF-8 编码）", first.Format);
        Assert.Equal((3, 3, 0), (first.Kept, first.Added, first.AlreadyEntered));
        Assert.Equal(
            [(3, "来源"), (4, "乡镇"), (5, "整改时限"), (7, "问题描述"), (8, "问题描述")],
            first.Errors.Select(e => (e.Line, e.Column)));
        Assert.Contains("「抽查」无法识别", first.Errors[0].Reason, StringComparison.Ordinal);
        Assert.Contains("不存在镇", first.Errors[1].Reason, StringComparison.Ordinal);
        Assert.Contains("不是有效日期", first.Errors[2].Reason, StringComparison.Ordinal);
        Assert.Contains("必填", first.Errors[3].Reason, StringComparison.Ordinal);
        Assert.Contains("与第2行为同一问题", first.Errors[4].Reason, StringComparison.Ordinal);

        var ledger = await bed.ListAsync();
        Assert.Equal(3, ledger.Count);
        var audit = Assert.Single(ledger, i => i.Finding.Source == Domain.Rectification.FindingSource.Audit);
        Assert.Equal(("金山镇", jinshan.Code), (audit.Finding.Township, audit.Finding.TownshipCode));
        Assert.Null(Assert.Single(ledger, i => i.Finding.Source == Domain.Rectification.FindingSource.ThirdPartyEvaluation).Finding.TownshipCode);

        var again = await bed.ImportAsync("反馈问题（再次导出）.csv", FindingFiles.Csv(rows, byteOrderMark: true));
        Assert.Equal("CSV（UTF-8 编码，带 BOM）", again.Format);
        Assert.Equal((3, 0, 3), (again.Kept, again.Added, again.AlreadyEntered));
        Assert.Equal(first.ItemIds.Order(), again.ItemIds.Order());

        // The workbook has a title row above the header, so every line is one further down.
        var workbook = await bed.ImportAsync("反馈问题.xlsx", FindingFiles.Xlsx(rows));
        Assert.Equal((3, 0, 3), (workbook.Kept, workbook.Added, workbook.AlreadyEntered));
        Assert.Equal([4, 5, 6, 8, 9], workbook.Errors.Select(e => e.Line));
        Assert.Equal(3, (await bed.ListAsync()).Count);

        // Each imported item runs: its unit is asked to submit.
        await bed.SubmitLinkAsync(audit);
    }

    [Fact]
    public async Task A_file_without_a_required_column_keeps_nothing_and_says_which_and_an_unreadable_file_is_refused()
    {
        await using var bed = await LedgerTestBed.StartAsync();
        var noUnit = await bed.ImportAsync("反馈问题.csv", FindingFiles.Csv(
            [["来源", "类别", "问题描述", "乡镇", "整改时限"], ["省检", "住房安全", "危房未改造", "碧城镇", "2026-04-30"]], byteOrderMark: true));
        Assert.Equal(0, noUnit.Kept);
        var missing = Assert.Single(noUnit.Errors);
        Assert.Equal((1, "责任单位"), (missing.Line, missing.Column));

        var xls = await bed.PostImportAsync("反馈问题.xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, xls.StatusCode);
        Assert.Contains(".xls", await xls.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await bed.ListAsync());

        var unknownCounty = await bed.County.PostAsync("/api/counties/999999/rectifications/2026/imports", new MultipartFormDataContent());
        Assert.Equal(HttpStatusCode.NotFound, unknownCounty.StatusCode);
    }

    [Fact]
    public async Task A_finding_entered_twice_is_one_item_and_a_broken_one_is_refused_field_by_field()
    {
        await using var bed = await LedgerTestBed.StartAsync();
        var first = await bed.EnterAsync(LedgerTestBed.Finding());
        var second = await bed.EnterAsync(LedgerTestBed.Finding() with { Description = " 部分贫困户危房改造未验收 " });
        Assert.Equal(first.ItemId, second.ItemId);
        Assert.Single(await bed.ListAsync());

        var broken = await bed.County.PostAsJsonAsync($"/api/counties/{bed.CountyCode}/rectifications/{LedgerTestBed.Year}",
            new FindingForm("暗访", "", "问题", "火星镇", "县住建局", "明天"), LedgerTestBed.Json);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        var refused = (await broken.Content.ReadFromJsonAsync<Workflow.App.Rectification.Web.FindingRefused>(LedgerTestBed.Json))!;
        Assert.Equal(["来源", "类别", "乡镇", "整改时限"], refused.Errors.Select(e => e.Column));
        Assert.Single(await bed.ListAsync());
    }
}
