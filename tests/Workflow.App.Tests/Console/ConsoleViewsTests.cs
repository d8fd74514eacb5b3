using System.Globalization;
using System.Net;
using System.Text;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Domain.Exits;
using Workflow.Domain.Register;
using Workflow.App.Exits;
using Workflow.App.Tests.Exits;
using Xunit;

namespace Workflow.App.Tests.Console;

/// <summary>One app and county for the class; only the pipeline test starts cases, and no case ends approved, so the register's figures stay as generated.</summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    internal ConsoleTestBed Bed { get; private set; } = null!;

    public async Task InitializeAsync() => Bed = await ConsoleTestBed.StartAsync();

    public async Task DisposeAsync() => await Bed.DisposeAsync();
}

/// <summary>
/// The console's exit pipeline and indicator dashboard over HTTP: the counts against cases driven through their steps,
/// the figures against a count of the generated county, the CSVs against the pages, who may open them, and markup in
/// place names shown as text.
/// </summary>
public sealed class ConsoleViewsTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private ConsoleTestBed Bed => fixture.Bed;

    [Fact]
    public async Task The_exit_pipeline_counts_cases_by_township_and_step_links_each_count_to_its_cases_and_matches_its_csv()
    {
        var due = Bed.Households.Where(x => x.Household.Status == PovertyStatus.NotExited).GroupBy(x => x.Township.Code).OrderBy(g => g.Key).ToList();
        Assert.Equal(2, due.Count);
        Assert.All(due, g => Assert.True(g.Count() >= 3, $"Township {g.Key} has fewer than 3 households to exit."));
        var a = new List<ExitCase>();
        var b = new List<ExitCase>();
        foreach (var (township, cases) in new[] { (due[0], a), (due[1], b) })
        {
            foreach (var x in township.Take(3))
            {
                cases.Add(await Bed.StartCaseAsync(x.Household));
            }
        }

        foreach (var c in a.Concat(b))
        {
            await Bed.WaitForAsync(c.CaseId, x => x.CurrentStep == ExitProcedure.Appraisal, "appraisal");
        }

        // Thursday: the village committee approves one case in each township and rejects one; the county withdraws one.
        Bed.Clock.Advance(TimeSpan.FromDays(3));
        await Bed.DecideAsync(a[0], ExitProcedure.Appraisal, "VillageCommittee", approve: true);
        await Bed.DecideAsync(b[0], ExitProcedure.Appraisal, "VillageCommittee", approve: true);
        await Bed.DecideAsync(a[1], ExitProcedure.Appraisal, "VillageCommittee", approve: false);
        await Bed.WaitForAsync(a[1].CaseId, x => x.Status == ExitCaseStatus.Rejected, "rejected");
        await Bed.WithdrawAsync(b[1]);

        // The next Tuesday: the appraisals started last Monday are past their 5 working days; the verifications opened on Thursday are not.
        Bed.Clock.Advance(TimeSpan.FromDays(5));
        var page = await Bed.Officer.GetStringAsync($"/console/exits?county={Bed.CountyCode}");
        var rows = ConsoleTestBed.Table(page, "exit-pipeline");
        var header = rows[0].Select(c => c.Text).ToList();
        var byName = rows.Skip(1).ToDictionary(r => r[0].Text);
        int Cell(string row, string column) => int.Parse(byName[row][header.IndexOf(column)].Text, CultureInfo.InvariantCulture);

        Assert.Equal(["乡镇", "民主评议", "村两委和驻村工作队核实", "拟退出户认可", "村内公示", "公示异议复核", "乡镇审核", "县审定公告", "销号", "办理中合计", "超期", "已退出", "未通过", "已撤回"], header);
        Assert.Equal([ConsoleTestBed.HtmlTownship, "金山镇", "全县合计"], byName.Keys);
        foreach (var (row, rejected, withdrawn) in new[] { (ConsoleTestBed.HtmlTownship, 1, 0), ("金山镇", 0, 1) })
        {
            Assert.Equal(1, Cell(row, "民主评议"));
            Assert.Equal(1, Cell(row, "村两委和驻村工作队核实"));
            Assert.Equal(2, Cell(row, "办理中合计"));
            Assert.Equal(1, Cell(row, "超期"));
            Assert.Equal(0, Cell(row, "已退出"));
            Assert.Equal(rejected, Cell(row, "未通过"));
            Assert.Equal(withdrawn, Cell(row, "已撤回"));
        }

        Assert.Equal([2, 2, 0, 0, 0, 0, 0, 0, 4, 2, 0, 1, 1], header.Skip(1).Select(column => Cell("全县合计", column)));

        // Each count opens the case list it counts: the same cases, and no others.
        var townshipA = a[0].TownshipCode;
        var atAppraisal = byName[ConsoleTestBed.HtmlTownship][header.IndexOf("民主评议")].Href!;
        Assert.Equal($"/exits?county={Bed.CountyCode}&township={townshipA}&step={ExitProcedure.Appraisal}&status=InProgress", atAppraisal);
        var listed = await Bed.Officer.GetStringAsync(atAppraisal);
        Assert.Contains(a[2].CaseId, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(a[0].CaseId, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(b[2].CaseId, listed, StringComparison.Ordinal);
        var overdue = await Bed.Officer.GetStringAsync(byName["全县合计"][header.IndexOf("超期")].Href!);
        Assert.Contains("共 2 件", overdue, StringComparison.Ordinal);
        Assert.Contains(a[2].CaseId, overdue, StringComparison.Ordinal);
        Assert.Contains(b[2].CaseId, overdue, StringComparison.Ordinal);
        var withdrawnList = await Bed.Officer.GetStringAsync(byName["金山镇"][header.IndexOf("已撤回")].Href!);
        Assert.Contains(b[1].CaseId, withdrawnList, StringComparison.Ordinal);
        Assert.Contains("共 1 件", withdrawnList, StringComparison.Ordinal);
        Assert.Null(byName["全县合计"][header.IndexOf("已退出")].Href);

        var csv = await CsvAsync($"/console/exits?county={Bed.CountyCode}&format=csv");
        Assert.Equal(["乡镇代码", .. header], csv[0]);
        Assert.Equal(rows.Skip(1).Select(r => r.Select(c => c.Text).ToList()), csv.Skip(1).Select(r => r.Skip(1).ToList()));
        Assert.Equal(townshipA, csv[1][0]);
    }

    [Fact]
    public async Task The_objection_review_column_opens_the_cases_at_any_objection_review()
    {
        // A second objection during one notice is review 2: the column's link must list it under "objection-review".
        const string other = "532399";
        var store = Bed.Services.GetRequiredService<ExitCaseStore>();
        var row = new ExitCase($"{other}-5323990001-1", other, "532399100", "某镇", "532399100200", "某村", "5323990001", "李某", "532399********0011", 1, 2020,
            ExitProcedureCatalog.National.Id, ExitCaseStatus.InProgress, ExitProcedure.Appraisal, null, false, null, [], ExitTestBed.Start, "测试", null, null);
        Assert.True(await store.TryAddAsync(row, CancellationToken.None));
        await store.UpdateAsync(await store.ReadRequiredAsync(row.CaseId, CancellationToken.None), 1, c => c.AwaitStep(ExitProcedure.ObjectionReviewKey(2), ExitTestBed.Start.AddDays(7)), CancellationToken.None);

        var review = await Bed.Officer.GetStringAsync($"/exits?county={other}&step={ExitProcedure.ObjectionReviewCode}");
        var notice = await Bed.Officer.GetStringAsync($"/exits?county={other}&step={ExitProcedure.Notice}");
        var standings = await store.ReadStandingsAsync(other, CancellationToken.None);

        Assert.Contains(row.CaseId, review, StringComparison.Ordinal);
        Assert.Contains("共 1 件", review, StringComparison.Ordinal);
        Assert.Contains("共 0 件", notice, StringComparison.Ordinal);
        Assert.Equal([new ExitCaseStanding("532399100", ExitCaseStatus.InProgress, "objection-review-2", ExitTestBed.Start.AddDays(7))], standings);
    }

    [Fact]
    public async Task The_indicator_dashboard_matches_a_count_of_the_generated_county_and_its_csv()
    {
        var page = await Bed.Officer.GetStringAsync($"/console/indicators?county={Bed.CountyCode}");
        var villages = ConsoleTestBed.Table(page, "villages");
        var townships = ConsoleTestBed.Table(page, "townships");
        var county = ConsoleTestBed.Table(page, "county").ToDictionary(r => r[0].Text, r => r.Skip(1).Select(c => c.Text).ToList());

        // The spec's totals, by hand: 30 households / 100 people; 20 / 60 not exited; 2 monitored, 3 edge; 60 of 100 people still poor.
        Assert.Equal("30 户 / 100 人", county["建档立卡户 / 人"][0]);
        Assert.Equal("20 户 / 60 人", county["未脱贫户 / 人"][0]);
        Assert.Equal("10 户 / 40 人", county["已脱贫户 / 人"][0]);
        Assert.Equal("2 户 / 3 户", county["监测户 / 边缘户"][0]);
        Assert.Equal(["60.00%", "< 3 %", "✗ 未确认达标"], county["综合贫困发生率（上限）"]);
        var incomes = Bed.Households.Select(x => x.Household).ToList();
        var perCapita = incomes.Sum(h => h.Income.PerCapitaNetIncome * h.Size) / incomes.Sum(h => h.Size);
        var income = county.Single(r => r.Key.Contains("人均纯收入", StringComparison.Ordinal)).Value;
        Assert.Equal($"{decimal.Round(perCapita, 0, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture)} 元", income[0]);
        Assert.Equal(perCapita > 4000m ? "✓ 达标" : "✗ 未达标", income[2]);

        // Every village by hand from the generated households, those not confirmed below 3% first.
        var expected = Bed.County.Townships.SelectMany(t => t.Villages.Select(v => (Township: t, Village: v, Row: Expected(v.Households))))
            .OrderBy(x => PercentOf(x.Village.Households) < 3m).ThenBy(x => x.Township.Code, StringComparer.Ordinal).ThenBy(x => x.Village.Code, StringComparer.Ordinal)
            .Select(x => (List<string>)[x.Township.Name, x.Village.Name, "是", .. x.Row, PercentOf(x.Village.Households) < 3m ? "✓ 达标" : "✗ 未确认达标"])
            .ToList();
        Assert.Equal(expected, villages.Skip(1).Select(r => r.Select(c => c.Text).ToList()));
        Assert.Contains(villages, r => r[1].Text == ConsoleTestBed.HtmlVillage);
        var expectedTownships = Bed.County.Townships
            .Select(t => (List<string>)[t.Name, t.Villages.Count.ToString(CultureInfo.InvariantCulture), .. Expected(t.Households.ToList())])
            .Append([ "全县合计", "4", .. Expected(Bed.County.Households.ToList())])
            .ToList();
        Assert.Equal(expectedTownships, townships.Skip(1).Select(r => r.Take(r.Count - 1).Select(c => c.Text).ToList()));

        // The note names what the register cannot answer instead of showing a value for it.
        Assert.Contains("农村户籍人口", page, StringComparison.Ordinal);
        Assert.Contains("通硬化路", page, StringComparison.Ordinal);
        Assert.Contains("群众对扶贫工作满意度", page, StringComparison.Ordinal);

        var csv = await CsvAsync($"/console/indicators?county={Bed.CountyCode}&format=csv");
        Assert.Equal(["级别", "乡镇代码", "乡镇", "村代码", "村", "贫困村", "建档立卡户", "建档立卡人", "未脱贫户", "未脱贫人", "已脱贫户", "已脱贫人", "监测户", "边缘户", "贫困发生率上限", "发生率结论"], csv[0]);
        Assert.Equal(["全县", "", "", "", "", "", .. Expected(Bed.County.Households.ToList()), "未确认达标"], csv[1]);
        var csvVillages = csv.Where(r => r[0] == "村").Select(r => (List<string>)[r[2], r[4], r[5], .. r.Skip(6).Take(9), r[15] == "达标" ? "✓ 达标" : "✗ 未确认达标"]).ToList();
        Assert.Equal(expected.OrderBy(r => r[1], StringComparer.Ordinal), csvVillages.OrderBy(r => r[1], StringComparer.Ordinal));
        Assert.Equal(2, csv.Count(r => r[0] == "乡镇"));
    }

    [Fact]
    public async Task An_unknown_year_or_county_and_a_malformed_code_get_a_zh_cn_page_with_the_reason()
    {
        var unknownCounty = await Bed.Officer.GetAsync("/console/exits?county=110101");
        var unknownIndicators = await Bed.Officer.GetAsync("/console/indicators?county=110101");
        var malformed = await Bed.Officer.GetAsync("/console/indicators?county=53233%27");
        var noYear = await Bed.Officer.GetAsync($"/console/indicators?county={Bed.CountyCode}&year=2018");

        Assert.Equal(HttpStatusCode.NotFound, unknownCounty.StatusCode);
        Assert.Contains("县代码 110101 尚未登记", await unknownCounty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknownIndicators.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("6 位数字的县代码", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, noYear.StatusCode);
        Assert.Contains("已配置的年度：2020", await noYear.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/console/exits")]
    [InlineData("/console/indicators")]
    [InlineData("/console/cadres")]
    public async Task Only_the_county_office_may_open_the_view_and_an_anonymous_visitor_is_sent_to_sign_in(string path)
    {
        var url = $"{path}?county={Bed.CountyCode}";
        using var anonymous = Bed.Anonymous();
        using var approver = await Bed.SignInAsync("乡镇 张审核|TownshipApprover");
        using var analyst = await Bed.SignInAsync("数据分析 赵分析|Analyst");
        using var admin = await Bed.SignInAsync("县扶贫办 李主任|CountyAdmin");

        var signIn = await anonymous.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.StartsWith("/dev/signin", signIn.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await approver.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync(url + "&format=csv")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Bed.Officer.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Markup_in_a_township_or_village_name_reaches_the_pages_encoded()
    {
        var exits = await Bed.Officer.GetStringAsync($"/console/exits?county={Bed.CountyCode}");
        var indicators = await Bed.Officer.GetStringAsync($"/console/indicators?county={Bed.CountyCode}");

        foreach (var page in new[] { exits, indicators })
        {
            Assert.DoesNotContain(ConsoleTestBed.HtmlTownship, page, StringComparison.Ordinal);
            Assert.Contains("&lt;i&gt;碧城镇&lt;/i&gt;", page, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("<img", indicators, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;新村", indicators, StringComparison.Ordinal);
    }

    /// <summary>The page's figure columns for the households, counted here from the generated county.</summary>
    private static List<string> Expected(IReadOnlyCollection<Household> households)
    {
        string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        var poor = households.Where(h => h.Status == PovertyStatus.NotExited).ToList();
        var exited = households.Where(h => h.Status != PovertyStatus.NotExited).ToList();
        return
        [
            N(households.Count), N(households.Sum(h => h.Size)), N(poor.Count), N(poor.Sum(h => h.Size)), N(exited.Count), N(exited.Sum(h => h.Size)),
            N(households.Count(h => h.Monitoring == MonitoringCategory.Monitored)), N(households.Count(h => h.Monitoring == MonitoringCategory.Edge)),
            decimal.Round(PercentOf(households), 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture) + "%",
        ];
    }

    private static decimal PercentOf(IReadOnlyCollection<Household> households)
    {
        var people = households.Sum(h => h.Size);
        return people == 0 ? 0m : households.Where(h => h.Status == PovertyStatus.NotExited).Sum(h => h.Size) * 100m / people;
    }

    /// <summary>Downloads the CSV, checks it is UTF-8 with a BOM, and reads its rows.</summary>
    private async Task<List<List<string>>> CsvAsync(string url)
    {
        var response = await Bed.Officer.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("filename*=UTF-8''", response.Content.Headers.ContentDisposition?.ToString() ?? string.Empty, StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        using var reader = CsvReader.FromText(Encoding.UTF8.GetString(bytes[3..]), CsvReaderOptions.Default with { HasHeader = false });
        var rows = new List<List<string>>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToList());
        }

        return rows;
    }
}
