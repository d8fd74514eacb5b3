using System.Globalization;
using System.Text;
using Workflow.Domain.Register;
using Workflow.Domain.Standards;
using Workflow.App.Pages;
using Workflow.App.Register;

namespace Workflow.App.Console;

/// <summary>
/// /console/indicators — the indicator dashboard (指标监测): the register against the county's standard for the year,
/// per village, township and county, with a note of every indicator the register cannot answer, and the lines as CSV.
/// </summary>
internal static class IndicatorPage
{
    private const string Confirmed = "✓ 达标";
    private const string Unconfirmed = "✗ 未确认达标";

    public static async Task<IResult> ShowAsync(
        HttpRequest request, string? county, string? year, CountyDirectory directory, RegisterStore store, CancellationToken cancellationToken)
    {
        var (places, refusal) = await ConsoleRequest.FindCountyAsync(county, directory, cancellationToken);
        if (places is null)
        {
            return refusal!;
        }

        var standards = StandardCatalog.All.Where(r => r.CountyCode == places.Code).OrderByDescending(r => r.Year).ToList();
        var years = string.Join("、", standards.Select(r => r.Year.ToString(CultureInfo.InvariantCulture)));
        if (standards.Count == 0)
        {
            return ConsolePage.Render(ConsoleView.Indicators, places.Code, "指标监测",
                $"<p class=\"bad\">{E(places.Name)}（{E(places.Code)}）尚未配置脱贫标准（Standards/RuleSets），无法对照指标。</p>", StatusCodes.Status404NotFound);
        }

        StandardRuleSet? standard = year is null ? standards[0] : null;
        if (year is not null)
        {
            standard = int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? standards.SingleOrDefault(r => r.Year == y) : null;
            if (standard is null)
            {
                return ConsolePage.Render(ConsoleView.Indicators, places.Code, "指标监测",
                    $"<p class=\"bad\">没有 {E(places.Name)} {E(year)} 年的脱贫标准。已配置的年度：{E(years)}。</p>", StatusCodes.Status404NotFound);
            }
        }

        var dashboard = await IndicatorDashboard.ReadAsync(places, standard!, store, cancellationToken);
        if (ConsolePage.WantsCsv(request))
        {
            return new CsvDownload($"指标监测-{places.Name}-{standard!.Year}.csv", CsvHeader, CsvRows(dashboard));
        }

        var body = $"""
            <p class="note">{E(places.Name)}（{E(places.Code)}）· {standard!.Year} 年标准（已配置年度：{E(years)}）· 贫困村出列须贫困发生率 {E(dashboard.VillageIncidence.Threshold.ToString())}。</p>
            <h2>全县概况</h2>
            {CountySummary(dashboard)}
            <h2>乡镇</h2>
            <div class="scroll"><table id="townships"><tr><th>乡镇</th><th class="num">村数</th>{FigureHeads}<th class="num">未确认达标的村</th></tr>{TownshipRows(dashboard)}</table></div>
            <h2>村（发生率未确认达标的村在前）</h2>
            <div class="scroll"><table id="villages"><tr><th>乡镇</th><th>村</th><th>贫困村</th>{FigureHeads}<th>出列发生率</th></tr>{VillageRows(dashboard)}</table></div>
            {ConsolePage.CsvLink(request)}
            {Unanswered(dashboard)}
            """;
        return ConsolePage.Render(ConsoleView.Indicators, places.Code, "指标监测", body);
    }

    private const string FigureHeads =
        "<th class=\"num\">建档立卡户</th><th class=\"num\">建档立卡人</th><th class=\"num\">未脱贫户</th><th class=\"num\">未脱贫人</th>" +
        "<th class=\"num\">已脱贫户</th><th class=\"num\">已脱贫人</th><th class=\"num\">监测户</th><th class=\"num\">边缘户</th><th class=\"num\">贫困发生率上限</th>";

    private static string CountySummary(IndicatorDashboard d)
    {
        var c = d.County;
        var incidence = d.CountyIncidence;
        var income = d.CountyIncome;
        var incomeValue = c.PerCapitaIncome is { } perCapita ? $"{Yuan(perCapita)} 元" : $"名册无 {d.Standard.Year} 年收入";
        var incomeFlag = c.PerCapitaIncome is { } value
            ? Flag(IndicatorDashboard.Passes(income, value), "✓ 达标", "✗ 未达标")
            : "<span class=\"flag\">— 无法判断</span>";
        var villagesConfirmed = d.Villages.Count(v => v.IncidencePasses);
        return $"""
            <table id="county"><tr><th>指标</th><th class="num">名册数据</th><th>标准</th><th>结论</th></tr>
            <tr><th>建档立卡户 / 人</th><td class="num">{N(c.Households)} 户 / {N(c.People)} 人</td><td></td><td></td></tr>
            <tr><th>未脱贫户 / 人</th><td class="num">{N(c.NotExitedHouseholds)} 户 / {N(c.NotExitedPeople)} 人</td><td></td><td></td></tr>
            <tr><th>已脱贫户 / 人</th><td class="num">{N(c.ExitedHouseholds)} 户 / {N(c.ExitedPeople)} 人</td><td></td><td></td></tr>
            <tr><th>监测户 / 边缘户</th><td class="num">{N(c.MonitoredHouseholds)} 户 / {N(c.EdgeHouseholds)} 户</td><td></td><td></td></tr>
            <tr><th>村发生率确认达标</th><td class="num">{N(villagesConfirmed)} / {N(d.Villages.Count)} 个村</td><td>{E(d.VillageIncidence.Threshold.ToString())}</td><td>{(villagesConfirmed == d.Villages.Count ? Flag(true, Confirmed, Unconfirmed) : Flag(false, Confirmed, $"✗ {N(d.Villages.Count - villagesConfirmed)} 个村未确认达标"))}</td></tr>
            <tr><th>{E(incidence.Name)}（上限）</th><td class="num">{Percent(c.IncidenceUpperBound)}</td><td>{E(incidence.Threshold.ToString())}</td><td>{Flag(IndicatorDashboard.Passes(incidence, c.IncidenceUpperBound), Confirmed, Unconfirmed)}</td></tr>
            <tr><th>{E(income.Name)}</th><td class="num">{E(incomeValue)}</td><td>{E(income.Threshold.ToString())}</td><td>{incomeFlag}</td></tr>
            </table>
            """;
    }

    private static string TownshipRows(IndicatorDashboard d)
    {
        var rows = new StringBuilder();
        foreach (var t in d.Townships)
        {
            rows.Append(CultureInfo.InvariantCulture, $"<tr><th>{E(t.Township.Name)}</th><td class=\"num\">{N(t.Township.Villages.Count)}</td>{FigureCells(t.Figures)}" +
                        $"<td class=\"num\">{(t.UnconfirmedVillages == 0 ? Flag(true, "✓ 0", string.Empty) : Flag(false, string.Empty, $"✗ {N(t.UnconfirmedVillages)}"))}</td></tr>");
        }

        rows.Append(CultureInfo.InvariantCulture, $"<tr class=\"total\"><th>全县合计</th><td class=\"num\">{N(d.Villages.Count)}</td>{FigureCells(d.County)}" +
                    $"<td class=\"num\">{N(d.Townships.Sum(t => t.UnconfirmedVillages))}</td></tr>");
        return rows.ToString();
    }

    private static string VillageRows(IndicatorDashboard d)
    {
        var rows = new StringBuilder();
        foreach (var v in d.Villages)
        {
            rows.Append(CultureInfo.InvariantCulture, $"<tr data-village=\"{E(v.Village.Code)}\"><td>{E(v.Township.Name)}</td><th>{E(v.Village.Name)}</th><td>{(v.Village.IsPoorVillage ? "是" : "否")}</td>" +
                        $"{FigureCells(v.Figures)}<td>{Flag(v.IncidencePasses, Confirmed, Unconfirmed)}</td></tr>");
        }

        return rows.ToString();
    }

    private static string FigureCells(RegisterFigures f) =>
        string.Concat(Figures(f).Select(value => $"<td class=\"num\">{value}</td>"));

    /// <summary>The figure columns as the page and the CSV show them, in the order of <see cref="FigureHeads"/>.</summary>
    private static string[] Figures(RegisterFigures f) =>
    [
        N(f.Households), N(f.People), N(f.NotExitedHouseholds), N(f.NotExitedPeople), N(f.ExitedHouseholds), N(f.ExitedPeople),
        N(f.MonitoredHouseholds), N(f.EdgeHouseholds), Percent(f.IncidenceUpperBound),
    ];

    /// <summary>Names every indicator of the year's standard that needs facts the register does not hold, instead of showing a value for it.</summary>
    private static string Unanswered(IndicatorDashboard d)
    {
        string Names(IEnumerable<Indicator> indicators) =>
            string.Join("、", indicators.Where(i => !IndicatorDashboard.AnsweredCodes.Contains(i.Code)).Select(i => i.Name));
        return $"""
            <h2>名册无法回答的指标</h2>
            <div class="note" id="unanswered">
            <p>贫困发生率 = 贫困人口 ÷ 农村户籍人口。名册只登记建档立卡户，没有各村的农村户籍人口，因此本页以建档立卡人口作分母，得到的是发生率的<strong>上限</strong>：上限已低于标准即可确认达标；上限未低于标准的，须以统计部门的农村户籍人口核算后再下结论（标为“未确认达标”，不等于未达标）。</p>
            <p>以下指标须实地核查或其他部门数据，名册不含，本页不作判断：</p>
            <ul>
            <li>贫困村出列：{E(Names(d.Standard.VillageIndicators))}（五通十有、村集体经济等）</li>
            <li>贫困县摘帽：{E(Names(d.Standard.CountyIndicators))}</li>
            <li>国家考核（三率一度）：{E(Names(d.Standard.NationalAssessmentIndicators))}</li>
            </ul>
            </div>
            """;
    }

    private static readonly string[] CsvHeader =
    [
        "级别", "乡镇代码", "乡镇", "村代码", "村", "贫困村", "建档立卡户", "建档立卡人", "未脱贫户", "未脱贫人", "已脱贫户", "已脱贫人", "监测户", "边缘户",
        "贫困发生率上限", "发生率结论",
    ];

    /// <summary>The county, then each township followed by its villages in code order.</summary>
    private static IEnumerable<string?[]> CsvRows(IndicatorDashboard d)
    {
        var countyVerdict = IndicatorDashboard.Passes(d.CountyIncidence, d.County.IncidenceUpperBound) ? "达标" : "未确认达标";
        yield return ["全县", string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, .. Figures(d.County), countyVerdict];
        foreach (var t in d.Townships)
        {
            yield return ["乡镇", t.Township.Code, t.Township.Name, string.Empty, string.Empty, string.Empty, .. Figures(t.Figures), $"未确认达标的村 {N(t.UnconfirmedVillages)} 个"];
            foreach (var v in d.Villages.Where(v => v.Township.Code == t.Township.Code).OrderBy(v => v.Village.Code, StringComparer.Ordinal))
            {
                yield return ["村", t.Township.Code, t.Township.Name, v.Village.Code, v.Village.Name, v.Village.IsPoorVillage ? "是" : "否", .. Figures(v.Figures),
                    v.IncidencePasses ? "达标" : "未确认达标"];
            }
        }
    }

    private static string Flag(bool passed, string passText, string failText) =>
        passed ? $"<span class=\"flag pass\">{E(passText)}</span>" : $"<span class=\"flag fail\">{E(failText)}</span>";

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Two decimals, rounded half away from zero, with the per-cent sign; the flag is decided on the exact value.</summary>
    private static string Percent(decimal value) =>
        decimal.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    private static string Yuan(decimal value) => decimal.Round(value, 0, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture);

    private static string E(string text) => PageLayout.Html.Encode(text);
}
