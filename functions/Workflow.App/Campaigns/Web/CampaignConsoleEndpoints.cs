using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Domain.Calendar;
using Workflow.Domain.Campaigns;
using Workflow.Domain.Plans;
using Workflow.Domain.Register;
using Workflow.App.Console;
using Workflow.App.Identity;
using Workflow.App.Pages;
using Workflow.App.Register;

namespace Workflow.App.Campaigns.Web;

/// <summary>
/// The console's campaign views: the board (攻坚看板, <see cref="CampaignBoardPage"/>) with its advance, override and
/// early-start forms, the start page a county without a campaign meets (<see cref="CampaignStartPage"/>), and the task
/// list (任务清单, <see cref="TaskListPage"/>, also as CSV). Without ?year= both views show the campaign of
/// <see cref="ShownYear"/>, so a campaign once started is found.
/// </summary>
internal static class CampaignConsoleEndpoints
{
    public static void MapCampaignConsole(this IEndpointRouteBuilder app)
    {
        var console = app.MapGroup("/console").RequireAuthorization(CountyRoles.CountyPolicy);
        console.MapGet("/", ShowBoardAsync);
        console.MapPost("/campaigns", StartCampaignAsync);
        console.MapPost("/advance", AdvanceAsync);
        console.MapPost("/start", StartPhaseAsync);
        console.MapGet("/tasks", ShowTasksAsync);
    }

    private static async Task<IResult> ShowBoardAsync(string? county, string? year, CampaignReader reader, CountyDirectory directory, TimeProvider time,
        ClaimsPrincipal user, CancellationToken ct)
    {
        if (Refusal(county, year, ConsoleView.Campaign, "攻坚看板", out var asked) is { } refusal)
        {
            return refusal;
        }

        var years = await reader.ListYearsAsync(county!, ct);
        if (await ReadShownAsync(reader, county!, asked, years, time, ct) is { } campaign)
        {
            return Board(campaign, years, user, null);
        }

        // No campaign yet (or none for the year asked): the start page, for a county whose register is here.
        var (places, unknown) = await ConsoleRequest.FindCountyAsync(county, directory, ct);
        return places is null ? unknown! : StartPage(places, asked ?? ThisYear(time), years, [], StatusCodes.Status200OK);
    }

    /// <summary>Starts a campaign from a shipped plan (洮南 2018, 禄丰 2020) copied to this county and year.</summary>
    private static async Task<IResult> StartCampaignAsync(HttpContext http, CountyDirectory directory, CampaignReader reader, CampaignStarter starter,
        TimeProvider time, CancellationToken ct)
    {
        var form = await http.Request.ReadFormAsync(ct);
        var (places, refusal) = await ConsoleRequest.FindCountyAsync(form["county"].ToString(), directory, ct);
        if (places is null)
        {
            return refusal!;
        }

        var template = PlanTemplates.All.FirstOrDefault(t => CampaignStartPage.TemplateKey(t) == form["template"]);
        if (!int.TryParse(form["year"], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2014 or > 2100 || template is null)
        {
            return StartPage(places, ThisYear(time), await reader.ListYearsAsync(places.Code, ct), [new("计划", "请选择计划模板并填写年度（4 位数字）。")],
                StatusCodes.Status400BadRequest);
        }

        var plan = template.CountyCode == places.Code && template.Year == year ? template : template.CopyFor(places.Code, places.Name, year);
        var outcome = await starter.StartAsync(places.Code, plan, ct);
        return outcome.InstanceId is null
            ? StartPage(places, year, await reader.ListYearsAsync(places.Code, ct), outcome.Problems, StatusCodes.Status422UnprocessableEntity)
            : Results.Redirect(CampaignKeys.BoardPath(places.Code, year));
    }

    private static async Task<IResult> AdvanceAsync(HttpContext http, CampaignReader reader, CampaignCommands commands, ClaimsPrincipal user, CancellationToken ct)
    {
        var form = await http.Request.ReadFormAsync(ct);
        var (county, year) = (form["county"].ToString(), int.TryParse(form["year"], CultureInfo.InvariantCulture, out var y) ? y : 0);
        if (!CountyDirectory.IsCountyCode(county))
        {
            return BadCounty("攻坚看板");
        }

        var outcome = await commands.AdvanceAsync(county, year, form["from"], form["override"] == "yes", form["reason"], user, ct);
        return await AfterCommandAsync(reader, county, year, user, outcome, form["reason"], ct);
    }

    private static async Task<IResult> StartPhaseAsync(HttpContext http, CampaignReader reader, CampaignCommands commands, ClaimsPrincipal user, CancellationToken ct)
    {
        var form = await http.Request.ReadFormAsync(ct);
        var (county, year) = (form["county"].ToString(), int.TryParse(form["year"], CultureInfo.InvariantCulture, out var y) ? y : 0);
        if (!CountyDirectory.IsCountyCode(county))
        {
            return BadCounty("攻坚看板");
        }

        var outcome = await commands.StartPhaseAsync(county, year, form["phase"], user, ct);
        return await AfterCommandAsync(reader, county, year, user, outcome, null, ct);
    }

    private static async Task<IResult> ShowTasksAsync(string? county, string? year, TrackedTaskStatus? status, string? unit, string? phase, HttpRequest request,
        CampaignReader reader, CountyDirectory directory, TimeProvider time, CancellationToken ct)
    {
        if (Refusal(county, year, ConsoleView.Tasks, "任务清单", out var asked) is { } refusal)
        {
            return refusal;
        }

        var years = await reader.ListYearsAsync(county!, ct);
        var campaign = await ReadShownAsync(reader, county!, asked, years, time, ct);
        if (campaign is null)
        {
            var (places, unknown) = await ConsoleRequest.FindCountyAsync(county, directory, ct);
            if (places is null)
            {
                return unknown!;
            }

            var board = new PageLink(CampaignKeys.BoardPath(places.Code, asked ?? ThisYear(time)), "到攻坚看板按模板启动");
            return years.Count == 0
                ? ConsoleResults.Message(ConsoleView.Tasks, places.Code, "任务清单", $"{places.Name}尚未启动年度脱贫攻坚，还没有任务。", StatusCodes.Status200OK, ok: true,
                    onward: board)
                : ConsoleResults.Message(ConsoleView.Tasks, places.Code, "任务清单",
                    $"{places.Name}没有 {asked} 年度的脱贫攻坚。已启动的年度：{string.Join("、", years)}。", StatusCodes.Status404NotFound, onward: board);
        }

        unit = string.IsNullOrWhiteSpace(unit) ? null : unit.Trim();
        phase = string.IsNullOrWhiteSpace(phase) ? null : phase;
        var tasks = campaign.Tasks.Where(t => (status is null || t.Status == status) && (unit is null || t.Task.LeadUnits.Any(u => u.Contains(unit, StringComparison.Ordinal)))
                                              && (phase is null || t.Task.PhaseKey == phase)).ToList();
        if (ConsoleRequest.WantsCsv(request))
        {
            return new CsvDownload($"{campaign.CountyName}{campaign.Year}年任务清单.csv", ["编号", "任务", "牵头单位", "完成时限", "状态", "下一报送节点", "报送次数", "最近报送"],
                tasks.Select(t => (IReadOnlyList<string?>)[t.Task.Number, t.Task.Title, string.Join("、", t.Task.LeadUnits), t.Task.Deadline, ChineseTerms.Of(t.Status),
                    TaskListPage.Due(t.NextDue), t.Reports.Count.ToString(CultureInfo.InvariantCulture), t.Reports.Count == 0 ? null : Shown.Time(t.Reports[^1].At)]));
        }

        return PageResults.Page<TaskListPage>(new Dictionary<string, object?>
        {
            [nameof(TaskListPage.Campaign)] = campaign,
            [nameof(TaskListPage.Tasks)] = tasks,
            [nameof(TaskListPage.Status)] = status,
            [nameof(TaskListPage.Unit)] = unit,
            [nameof(TaskListPage.Phase)] = phase,
            [nameof(TaskListPage.CsvHref)] = ConsoleRequest.CsvHref(request),
        });
    }

    /// <summary>
    /// The campaign a view shows without ?year=: this year's; else the newest before it (last year's 冬季决战 runs into
    /// January, and a past year's plan may be started to try the system out); else the nearest one still to come.
    /// </summary>
    internal static int? ShownYear(IReadOnlyList<int> years, int thisYear) =>
        years.Where(y => y <= thisYear).Select(y => (int?)y).Max() ?? years.Where(y => y > thisYear).Select(y => (int?)y).Min();

    private static async Task<CampaignStatus?> ReadShownAsync(CampaignReader reader, string county, int? asked, IReadOnlyList<int> years, TimeProvider time,
        CancellationToken ct) =>
        (asked ?? ShownYear(years, ThisYear(time))) is { } year && years.Contains(year) ? await reader.ReadAsync(county, year, ct) : null;

    /// <summary>The board after a command: its outcome on top, with the command's status when it was refused.</summary>
    private static async Task<IResult> AfterCommandAsync(CampaignReader reader, string county, int year, ClaimsPrincipal user, CommandOutcome outcome, string? reason,
        CancellationToken ct) =>
        await reader.ReadAsync(county, year, ct) is { } campaign
            ? Board(campaign, await reader.ListYearsAsync(county, ct), user, outcome, reason)
            : ConsoleResults.Message(ConsoleView.Campaign, county, "攻坚看板", outcome.Message, outcome.Status, onward: new PageLink(CampaignKeys.BoardPath(county, year), "返回攻坚看板"));

    private static RazorComponentResult<CampaignBoardPage> Board(CampaignStatus campaign, IReadOnlyList<int> years, ClaimsPrincipal user, CommandOutcome? outcome, string? reason = null) =>
        PageResults.Page<CampaignBoardPage>(new Dictionary<string, object?>
        {
            [nameof(CampaignBoardPage.Campaign)] = campaign,
            [nameof(CampaignBoardPage.Years)] = years,
            [nameof(CampaignBoardPage.MayOverride)] = user.IsInRole(CountyRoles.CountyAdmin),
            [nameof(CampaignBoardPage.Outcome)] = outcome,
            [nameof(CampaignBoardPage.Reason)] = reason,
        }, outcome is { Accepted: false } ? outcome.Status : StatusCodes.Status200OK);

    private static RazorComponentResult<CampaignStartPage> StartPage(County places, int year, IReadOnlyList<int> years, IReadOnlyList<PlanProblem> problems, int status) =>
        PageResults.Page<CampaignStartPage>(new Dictionary<string, object?>
        {
            [nameof(CampaignStartPage.Places)] = places,
            [nameof(CampaignStartPage.Year)] = year,
            [nameof(CampaignStartPage.Years)] = years,
            [nameof(CampaignStartPage.Problems)] = problems,
        }, status);

    /// <summary>The page refusing a county code that is not six digits or a year that is not four, or null with the year asked.</summary>
    private static IResult? Refusal(string? county, string? year, ConsoleView view, string title, out int? asked)
    {
        asked = null;
        if (!CountyDirectory.IsCountyCode(county))
        {
            return BadCounty(title);
        }

        if (string.IsNullOrEmpty(year))
        {
            return null;
        }

        if (year.Length != 4 || !int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y))
        {
            return ConsoleResults.Message(view, county, title, "年度须为 4 位数字，例如 &year=2026。",
                StatusCodes.Status400BadRequest);
        }

        asked = y;
        return null;
    }

    private static RazorComponentResult<MessagePage> BadCounty(string title) =>
        PageResults.Message(title, "县代码须为 6 位数字（?county=），例如 ?county=532331。", StatusCodes.Status400BadRequest, onward: PageLink.Home);

    private static int ThisYear(TimeProvider time) => ShanghaiTime.DateOf(time.GetUtcNow()).Year;
}
