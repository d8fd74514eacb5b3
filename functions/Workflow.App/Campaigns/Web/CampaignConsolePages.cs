using System.Globalization;
using System.Security.Claims;
using System.Text;
using Workflow.Domain.Calendar;
using Workflow.Domain.Campaigns;
using Workflow.Domain.Plans;
using Workflow.Domain.Register;
using Workflow.App.Console;
using Workflow.App.Exits.Web;
using Workflow.App.Identity;
using Workflow.App.Pages;
using Workflow.App.Register;

namespace Workflow.App.Campaigns.Web;

/// <summary>
/// The console's campaign board (攻坚看板: the phases on a timeline, the open phase with its days left and gates, the
/// advance button with its confirmation, and the override a CountyAdmin may give with a reason) and task list (任务清单).
/// </summary>
internal static class CampaignConsolePages
{
    public static void MapCampaignConsole(this IEndpointRouteBuilder app)
    {
        var console = app.MapGroup("/console").RequireAuthorization(CountyRoles.CountyPolicy);

        console.MapGet("/", async (string? county, int? year, CampaignReader reader, TimeProvider time, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (county is null || !ExitApiEndpoints.IsCountyCode(county))
            {
                return PageLayout.Page("攻坚看板", "<p class=\"bad\">县代码须为 6 位数字（?county=）。</p>", StatusCodes.Status400BadRequest);
            }

            var status = await FindAsync(reader, county, year, time, ct);
            return status is null ? NoCampaignBoard(county, year ?? ShanghaiTime.DateOf(time.GetUtcNow()).Year, []) : Board(county, status, user, null);
        });

        // Without a campaign the board offers to start one from a shipped plan (洮南 2018, 禄丰 2020), copied to this county and year.
        console.MapPost("/campaigns", async (HttpContext http, CountyDirectory directory, CampaignStarter starter, TimeProvider time, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            var (places, refusal) = await ConsoleRequest.FindCountyAsync(form["county"].ToString(), directory, ct);
            if (places is null)
            {
                return refusal!;
            }

            var template = PlanTemplates.All.FirstOrDefault(t => TemplateKey(t) == form["template"]);
            if (!int.TryParse(form["year"], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2014 or > 2100 || template is null)
            {
                return NoCampaignBoard(places.Code, ShanghaiTime.DateOf(time.GetUtcNow()).Year, [new("计划", "请选择计划模板并填写年度（4 位数字）。")], StatusCodes.Status400BadRequest);
            }

            var plan = template.CountyCode == places.Code && template.Year == year ? template : template.CopyFor(places.Code, places.Name, year);
            var outcome = await starter.StartAsync(places.Code, plan, ct);
            return outcome.InstanceId is null
                ? NoCampaignBoard(places.Code, year, outcome.Problems, StatusCodes.Status422UnprocessableEntity)
                : Results.Redirect(string.Create(CultureInfo.InvariantCulture, $"/console?county={Uri.EscapeDataString(places.Code)}&year={year}"));
        });

        console.MapPost("/advance", async (HttpContext http, CampaignReader reader, CampaignCommands commands, TimeProvider time, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            var (county, year) = (form["county"].ToString(), int.TryParse(form["year"], CultureInfo.InvariantCulture, out var y) ? y : 0);
            if (!ExitApiEndpoints.IsCountyCode(county))
            {
                return PageLayout.Page("攻坚看板", "<p class=\"bad\">县代码须为 6 位数字。</p>", StatusCodes.Status400BadRequest);
            }

            var outcome = await commands.AdvanceAsync(county, year, form["from"], form["override"] == "yes", form["reason"], user, ct);
            return Board(county, await reader.ReadAsync(county, year, ct), user, outcome, form["reason"]);
        });

        console.MapPost("/start", async (HttpContext http, CampaignReader reader, CampaignCommands commands, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            var (county, year) = (form["county"].ToString(), int.TryParse(form["year"], CultureInfo.InvariantCulture, out var y) ? y : 0);
            if (!ExitApiEndpoints.IsCountyCode(county))
            {
                return PageLayout.Page("攻坚看板", "<p class=\"bad\">县代码须为 6 位数字。</p>", StatusCodes.Status400BadRequest);
            }

            var outcome = await commands.StartPhaseAsync(county, year, form["phase"], user, ct);
            return Board(county, await reader.ReadAsync(county, year, ct), user, outcome);
        });

        console.MapGet("/tasks", async (string? county, int? year, TrackedTaskStatus? status, string? unit, string? phase, HttpRequest request,
            CampaignReader reader, TimeProvider time, CancellationToken ct) =>
        {
            if (county is null || !ExitApiEndpoints.IsCountyCode(county))
            {
                return PageLayout.Page("任务清单", "<p class=\"bad\">县代码须为 6 位数字（?county=）。</p>", StatusCodes.Status400BadRequest);
            }

            var campaign = await FindAsync(reader, county, year, time, ct);
            if (campaign is null)
            {
                return ConsolePage.Render(ConsoleView.Tasks, county, "任务清单", NoCampaign(county), StatusCodes.Status404NotFound);
            }

            unit = string.IsNullOrWhiteSpace(unit) ? null : unit.Trim();
            phase = string.IsNullOrWhiteSpace(phase) ? null : phase;
            var tasks = campaign.Tasks.Where(t => (status is null || t.Status == status) && (unit is null || t.Task.LeadUnits.Any(u => u.Contains(unit, StringComparison.Ordinal)))
                                                  && (phase is null || t.Task.PhaseKey == phase)).ToList();
            if (ConsolePage.WantsCsv(request))
            {
                return new CsvDownload($"{campaign.CountyName}{campaign.Year}年任务清单.csv", ["编号", "任务", "牵头单位", "完成时限", "状态", "下一报送节点", "报送次数", "最近报送"],
                    tasks.Select(t => (IReadOnlyList<string?>)[t.Task.Number, t.Task.Title, string.Join("、", t.Task.LeadUnits), t.Task.Deadline, ChineseTerms.Of(t.Status),
                        Due(t.NextDue), t.Reports.Count.ToString(CultureInfo.InvariantCulture), t.Reports.Count == 0 ? null : PageLayout.Time(t.Reports[^1].At)]));
            }

            return ConsolePage.Render(ConsoleView.Tasks, county, $"任务清单 · {campaign.Title}", TaskList(campaign, tasks, status, unit, phase, request));
        });
    }

    /// <summary>The year asked for, or else this year's campaign, or last year's while it runs into January (004's 冬季决战).</summary>
    private static async Task<CampaignStatus?> FindAsync(CampaignReader reader, string county, int? year, TimeProvider time, CancellationToken ct)
    {
        if (year is { } asked)
        {
            return await reader.ReadAsync(county, asked, ct);
        }

        var thisYear = ShanghaiTime.DateOf(time.GetUtcNow()).Year;
        return await reader.ReadAsync(county, thisYear, ct) ?? await reader.ReadAsync(county, thisYear - 1, ct);
    }

    private static IResult Board(string county, CampaignStatus? campaign, ClaimsPrincipal user, CommandOutcome? outcome, string? reason = null)
    {
        if (campaign is null)
        {
            return ConsolePage.Render(ConsoleView.Campaign, county, "攻坚看板", NoCampaign(county), outcome?.Status ?? StatusCodes.Status404NotFound);
        }

        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">{E(campaign.Title)} · 编排版本 {E(campaign.Version)}</p>");
        if (outcome is not null)
        {
            body.Append(outcome.Accepted
                ? $"<p class=\"ok\" role=\"status\">{E(outcome.Message)}（稍候刷新可见）</p>"
                : $"<div class=\"bad\" role=\"alert\"><p>{E(outcome.Message)}</p>{List(outcome.Blockers, "blockers")}</div>");
        }

        body.Append(TimelineStyle).Append("<h2>阶段</h2><ol class=\"phases\">");
        foreach (var phase in campaign.Phases)
        {
            var strong = phase.State == PhaseState.Open ? ("<strong>", "</strong>") : (string.Empty, string.Empty);
            body.Append(CultureInfo.InvariantCulture, $"<li data-phase=\"{E(phase.Key)}\" data-state=\"{phase.State}\">{strong.Item1}{E(phase.Name)}{strong.Item2} " +
                $"{phase.Start:yyyy-MM-dd}至{phase.End:yyyy-MM-dd} · {phase.State.ChineseName()}" +
                $"{(phase.EnteredOn is { } on ? $" · {on:yyyy-MM-dd}开始" : string.Empty)}</li>");
        }

        body.Append("</ol>");
        var hidden = $"<input type=\"hidden\" name=\"county\" value=\"{E(county)}\"><input type=\"hidden\" name=\"year\" value=\"{campaign.Year}\">";
        if (campaign.Completed)
        {
            body.Append("<p class=\"ok\">年度脱贫攻坚已完成。</p>");
        }
        else if (campaign.Current is { State: PhaseState.AwaitingStart } waiting)
        {
            body.Append(CultureInfo.InvariantCulture, $"<h2>待启动：{E(waiting.Name)}</h2><p>计划{waiting.Start:yyyy-MM-dd}开始。</p>" +
                $"<form method=\"post\" action=\"/console/start\" {Confirm($"确认提前启动“{waiting.Name}”？")}>{hidden}" +
                $"<input type=\"hidden\" name=\"phase\" value=\"{E(waiting.Key)}\"><button type=\"submit\">提前启动“{E(waiting.Name)}”</button></form>");
        }
        else if (campaign.Current is { } current)
        {
            var left = current.DaysLeft!;
            var next = campaign.Next;
            var daysLeft = left.CalendarDays > 0
                ? string.Create(CultureInfo.InvariantCulture, $"剩余 {left.CalendarDays} 天（其中工作日 {left.WorkingDays} 天）")
                : string.Create(CultureInfo.InvariantCulture, $"已超过计划结束日期 {1 - left.CalendarDays} 天，请推进");
            body.Append(CultureInfo.InvariantCulture, $"<h2>当前阶段：{E(current.Name)}</h2><p class=\"days-left\">{daysLeft}</p>");
            body.Append("<h2>推进条件</h2>");
            if (campaign.Gates.Count == 0)
            {
                body.Append("<p class=\"note\">本次推进没有条件。</p>");
            }
            else
            {
                body.Append("<ul class=\"gates\">");
                foreach (var gate in campaign.Gates)
                {
                    body.Append(CultureInfo.InvariantCulture, $"<li data-passed=\"{(gate.Passed ? "true" : "false")}\">{(gate.Passed ? "✔ 已满足" : "✘ 未满足")}：{E(gate.Condition)}" +
                        $"{List(gate.Blockers, "gate-blockers")}</li>");
                }

                body.Append("</ul>");
            }

            var target = next is null ? "结束年度攻坚" : $"推进到“{next.Name}”";
            var confirm = $"确认结束“{current.Name}”并{target}？";
            body.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"/console/advance\" {Confirm(confirm)}>{hidden}" +
                $"<input type=\"hidden\" name=\"from\" value=\"{E(current.Key)}\"><button type=\"submit\" id=\"advance\">{E(target)}</button></form>");
            if (campaign.Gates.Any(g => !g.Passed))
            {
                body.Append(user.IsInRole(CountyRoles.CountyAdmin)
                    ? $"<h2>强制推进</h2><form method=\"post\" action=\"/console/advance\" id=\"override\" {Confirm($"确认在推进条件未满足时强制结束“{current.Name}”并{target}？理由将记入审计。")}>" +
                      $"{hidden}<input type=\"hidden\" name=\"from\" value=\"{E(current.Key)}\"><input type=\"hidden\" name=\"override\" value=\"yes\">" +
                      $"<p><label>强制推进理由（必填，将记入审计）<br><textarea name=\"reason\" rows=\"3\" maxlength=\"{CampaignCommands.MaxReasonLength}\" required " +
                      $"aria-describedby=\"reason-error\">{E(reason ?? string.Empty)}</textarea></label></p><p id=\"reason-error\" class=\"bad\" aria-live=\"polite\" hidden>{BlankReason}</p>" +
                      $"<p><button type=\"submit\">强制推进</button></p></form>{ReasonCheck}"
                    : "<p class=\"note\">推进条件未满足时，只有县扶贫办负责人可以填写理由强制推进。</p>");
            }
        }

        body.Append(CultureInfo.InvariantCulture, $"<h2>概况</h2><p>进行中任务 {campaign.OpenTasks} 项，其中逾期 <span class=\"{(campaign.OverdueTasks > 0 ? "bad" : string.Empty)}\">{campaign.OverdueTasks}</span> 项 · " +
            $"未销号整改事项 {campaign.OpenRectifications.Count} 项 · <a href=\"{E($"/console/tasks?county={Uri.EscapeDataString(county)}&year={campaign.Year}")}\">任务清单</a></p>");
        body.Append("<h2>历程</h2><ul class=\"messages history\">");
        foreach (var entry in campaign.History.Where(h => h.Kind is not (CampaignTimelineKinds.TaskDue or CampaignTimelineKinds.Reported)).Reverse().Take(50))
        {
            body.Append(CultureInfo.InvariantCulture, $"<li><div class=\"meta\">{PageLayout.Time(entry.At)}{(entry.Actor is null ? string.Empty : $" · {E(entry.Actor)}")}</div>{E(entry.Text)}</li>");
        }

        body.Append("</ul>");
        return ConsolePage.Render(ConsoleView.Campaign, county, $"攻坚看板 · {campaign.CountyName}{campaign.Year}年", body.ToString(),
            outcome is { Accepted: false } ? outcome.Status : StatusCodes.Status200OK);
    }

    private static string TaskList(CampaignStatus campaign, List<TaskView> tasks, TrackedTaskStatus? status, string? unit, string? phase, HttpRequest request)
    {
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<form method=\"get\" action=\"/console/tasks\"><input type=\"hidden\" name=\"county\" value=\"{E(campaign.CountyCode)}\">" +
            $"<input type=\"hidden\" name=\"year\" value=\"{campaign.Year}\"><label>状态 <select name=\"status\"><option value=\"\">全部</option>");
        foreach (var s in Enum.GetValues<TrackedTaskStatus>())
        {
            body.Append(CultureInfo.InvariantCulture, $"<option value=\"{s}\"{(s == status ? " selected" : string.Empty)}>{ChineseTerms.Of(s)}</option>");
        }

        body.Append("</select></label> <label>阶段 <select name=\"phase\"><option value=\"\">全部</option>");
        foreach (var p in campaign.Phases)
        {
            body.Append(CultureInfo.InvariantCulture, $"<option value=\"{E(p.Key)}\"{(p.Key == phase ? " selected" : string.Empty)}>{E(p.Name)}</option>");
        }

        body.Append(CultureInfo.InvariantCulture, $"</select></label> <label>牵头单位 <input name=\"unit\" value=\"{E(unit ?? string.Empty)}\"></label> <button type=\"submit\">筛选</button></form>");
        body.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">共 {tasks.Count} 项，逾期 {tasks.Count(t => t.Status == TrackedTaskStatus.Overdue)} 项。</p>");
        body.Append(ConsolePage.CsvLink(request));
        body.Append("<table class=\"tasks\"><tr><th>编号</th><th>任务</th><th>牵头单位</th><th>完成时限</th><th>状态</th><th>下一报送节点</th><th>报送</th></tr>");
        foreach (var t in tasks)
        {
            body.Append(CultureInfo.InvariantCulture, $"<tr data-task=\"{E(t.Task.TaskId)}\" data-status=\"{t.Status}\"><td>{E(t.Task.Number)}</td><td>{E(t.Task.Title)}</td>" +
                $"<td>{E(string.Join("、", t.Task.LeadUnits))}</td><td>{E(t.Task.Deadline)}</td>" +
                $"<td class=\"{(t.Status == TrackedTaskStatus.Overdue ? "bad" : string.Empty)}\">{ChineseTerms.Of(t.Status)}</td><td>{E(Due(t.NextDue))}</td>" +
                $"<td>{t.Reports.Count} 次{(t.Reports.Count == 0 ? string.Empty : $"，最近 {PageLayout.Time(t.Reports[^1].At)}")}</td></tr>");
        }

        body.Append("</table>");
        return body.ToString();
    }

    /// <summary>
    /// The confirmation of a form: the text travels HTML-encoded in an attribute and reaches confirm() as data, never as
    /// script source, so a quote in a phase name can neither break the dialog (and let the form post unconfirmed) nor run.
    /// </summary>
    private static string Confirm(string question) => $"data-confirm=\"{E(question)}\" onsubmit=\"return confirm(this.dataset.confirm)\"";

    private const string BlankReason = "请填写强制推进理由（不能只有空格）。";

    // The browser's own check agrees with the server's: `required` alone lets a reason of spaces through, which the server refuses.
    private const string ReasonCheck = """
        <script>
          (() => {
            const reason = document.querySelector('#override textarea[name=reason]'), error = document.getElementById('reason-error');
            const check = () => { const blank = reason.value.trim() === ''; reason.setCustomValidity(blank ? error.textContent : ''); if (!blank) { error.hidden = true; } };
            reason.addEventListener('input', check);
            reason.addEventListener('invalid', () => { error.hidden = false; });
            check();
          })();
        </script>
        """;

    private const string TimelineStyle = """
        <style>
          ol.phases { list-style: none; padding-left: 0; margin-left: .4rem; border-left: 3px solid #ccc; }
          ol.phases li { position: relative; padding: .3rem 0 .3rem 1rem; overflow-wrap: anywhere; }
          ol.phases li::before { content: ""; position: absolute; left: -.55rem; top: .65rem; width: .7rem; height: .7rem; border-radius: 50%; background: #ccc; }
          ol.phases li[data-state=Closed]::before { background: #888; } ol.phases li[data-state=Open]::before { background: #05712f; }
          ol.phases li[data-state=AwaitingStart]::before { background: #fff; border: 2px solid #05712f; }
          #override textarea { width: 100%; box-sizing: border-box; } ul.blockers li, ul.gate-blockers li { overflow-wrap: anywhere; }
        </style>
        """;

    private static IResult NoCampaignBoard(string county, int year, IReadOnlyList<PlanProblem> problems, int status = StatusCodes.Status404NotFound)
    {
        var templates = string.Concat(PlanTemplates.All.Select(t => $"<option value=\"{E(TemplateKey(t))}\">{E(t.Title)}</option>"));
        var refused = problems.Count == 0 ? string.Empty
            : $"<div class=\"bad\" role=\"alert\"><p>计划未通过检查：</p><ul>{string.Concat(problems.Select(p => $"<li>{E(p.Where)}：{E(p.Problem)}</li>"))}</ul></div>";
        var body = $"""
            {NoCampaign(county)}
            {refused}
            <h2>按模板启动年度脱贫攻坚</h2>
            <form method="post" action="/console/campaigns" {Confirm("确认按所选模板启动该年度的脱贫攻坚？阶段将按计划日期开始。")}>
            <input type="hidden" name="county" value="{E(county)}">
            <p><label>计划模板 <select name="template" required>{templates}</select></label></p>
            <p><label>年度 <input name="year" required inputmode="numeric" pattern="[0-9][0-9][0-9][0-9]" size="6" value="{year}"></label></p>
            <p class="note">模板的阶段、任务和日期按年度平移，县名换成本县；启动后在看板上推进各阶段。</p>
            <p><button type="submit">启动</button></p>
            </form>
            """;
        return ConsolePage.Render(ConsoleView.Campaign, county, "攻坚看板", body, status);
    }

    private static string TemplateKey(AnnualPlan template) => string.Create(CultureInfo.InvariantCulture, $"{template.CountyCode}-{template.Year}");

    private static string NoCampaign(string county) => $"<p class=\"bad\">县代码 {E(county)} 没有脱贫攻坚：该县本年度的脱贫攻坚尚未启动，或县代码有误。</p>";

    private static string Due(DuePoint? due) =>
        due is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"{due.Date:yyyy-MM-dd} {ChineseTerms.Of(due.Kind)}");

    private static string List(IReadOnlyList<string> items, string cssClass) =>
        items.Count == 0 ? string.Empty : $"<ul class=\"{cssClass}\">{string.Concat(items.Select(i => $"<li>{E(i)}</li>"))}</ul>";

    private static string E(string text) => PageLayout.Html.Encode(text);
}
