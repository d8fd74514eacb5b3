using System.Globalization;
using Workflow.Domain.Calendar;
using Workflow.Domain.Exits;
using Workflow.Domain.Standards;
using Workflow.App.Exits;
using Workflow.App.Identity;
using Workflow.App.Pages;
using Workflow.App.Register;

namespace Workflow.App.Console;

/// <summary>
/// The console's two views of figures, for the county office's roles: the exit pipeline (退出进度, townships × steps) and
/// the indicator dashboard (指标监测, the register against the year's standard), each also as CSV; and the
/// 帮扶责任人 list (<see cref="CadreRosterView"/>), which reads the same register.
/// </summary>
internal static class ConsoleFigures
{
    public static void MapConsoleFigures(this IEndpointRouteBuilder app)
    {
        var console = app.MapGroup("/console").RequireAuthorization(CountyRoles.CountyPolicy);
        console.MapGet("/exits", ShowExitsAsync);
        console.MapGet("/indicators", ShowIndicatorsAsync);
        console.MapGet("/cadres", CadreRosterView.ShowAsync);
    }

    private static async Task<IResult> ShowExitsAsync(
        HttpRequest request, string? county, CountyDirectory directory, ExitCaseStore cases, TimeProvider time, CancellationToken cancellationToken)
    {
        var (places, refusal) = await ConsoleRequest.FindCountyAsync(county, directory, cancellationToken);
        if (places is null)
        {
            return refusal!;
        }

        var now = time.GetUtcNow();
        var procedure = ExitProcedureCatalog.For(places.Code, ShanghaiTime.DateOf(now).Year);
        var pipeline = ExitPipeline.Count(places, procedure, await cases.ReadStandingsAsync(places.Code, cancellationToken), now);
        if (ConsoleRequest.WantsCsv(request))
        {
            string?[] Cells(ExitPipelineRow r) =>
            [
                r.TownshipCode ?? string.Empty, r.Name, .. pipeline.Steps.Select(s => Number(r.AtStep(s.Code))),
                Number(r.InProgress), Number(r.Overdue), Number(r.Approved), Number(r.Rejected), Number(r.Withdrawn),
            ];
            return new CsvDownload($"退出进度-{places.Name}-{places.Code}.csv", ["乡镇代码", "乡镇", .. pipeline.Steps.Select(s => s.Name), .. ExitPipelinePage.Totals],
                pipeline.Townships.Append(pipeline.Total).Select(Cells));
        }

        return PageResults.Page<ExitPipelinePage>(new { Places = places, Pipeline = pipeline, Now = now, CsvHref = ConsoleRequest.CsvHref(request) });
    }

    private static async Task<IResult> ShowIndicatorsAsync(
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
            return ConsoleResults.Message(ConsoleView.Indicators, places.Code, "指标监测",
                $"{places.Name}（{places.Code}）尚未配置脱贫标准（Standards/RuleSets），无法对照指标。", StatusCodes.Status404NotFound);
        }

        var standard = year is null ? standards[0]
            : int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? standards.SingleOrDefault(r => r.Year == y)
            : null;
        if (standard is null)
        {
            return ConsoleResults.Message(ConsoleView.Indicators, places.Code, "指标监测",
                $"没有 {places.Name} {year} 年的脱贫标准。已配置的年度：{years}。", StatusCodes.Status404NotFound);
        }

        var dashboard = await IndicatorDashboard.ReadAsync(places, standard, store, cancellationToken);
        if (ConsoleRequest.WantsCsv(request))
        {
            return new CsvDownload($"指标监测-{places.Name}-{standard.Year}.csv", IndicatorCsv.Header, IndicatorCsv.Rows(dashboard));
        }

        return PageResults.Page<IndicatorPage>(new { Places = places, Dashboard = dashboard, Years = years, CsvHref = ConsoleRequest.CsvHref(request) });
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
