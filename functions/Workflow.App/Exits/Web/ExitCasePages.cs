using System.Globalization;
using System.Security.Claims;
using System.Text;
using Workflow.Domain.Exits;
using Workflow.Domain.Standards;
using Microsoft.DurableTask.Client;
using Workflow.App.Audit;
using Workflow.App.Evidence;
using Workflow.App.Identity;
using Workflow.App.Pages;

namespace Workflow.App.Exits.Web;

/// <summary>The county office's pages for exit cases: the filtered list and a case with its whole history.</summary>
internal static class ExitCasePages
{
    public static void MapExitPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/exits").RequireAuthorization(CountyRoles.CountyPolicy);

        pages.MapGet("/", async (string? county, string? township, string? step, ExitCaseStatus? status, bool? overdue,
            ExitCaseStore cases, TimeProvider time, CancellationToken ct) =>
        {
            if (county is not { Length: 6 } || !county.All(char.IsAsciiDigit))
            {
                return Results.BadRequest("请用 ?county= 指定 6 位县代码，例如 /exits?county=532331。");
            }

            var now = time.GetUtcNow();
            var list = await cases.ListAsync(new ExitCaseQuery(county, township, step, status, overdue), now, ct);
            var rows = new StringBuilder();
            foreach (var c in list.OrderBy(c => c.TownshipCode, StringComparer.Ordinal).ThenBy(c => c.CaseId, StringComparer.Ordinal))
            {
                rows.Append(CultureInfo.InvariantCulture, $"<tr><td><a href=\"/exits/{E(c.CaseId)}\">{E(c.CaseId)}</a></td><td>{E(c.Township)}</td><td>{E(c.Village)}</td><td>{E(c.HeadName)}</td>" +
                            $"<td>{E(StepName(c, c.CurrentStep))}</td><td>{(c.StepDueAt is { } due ? PageLayout.Time(due) : string.Empty)}</td>" +
                            $"<td class=\"{(c.IsOverdue(now) ? "bad" : string.Empty)}\">{(c.IsOverdue(now) ? "超期" : string.Empty)}{(c.Escalated ? " 已督办" : string.Empty)}</td><td>{E(c.Status.ChineseName())}</td></tr>");
            }

            var body = $"""
                <form method="get">
                <input type="hidden" name="county" value="{E(county)}">
                乡镇代码 <input name="township" value="{E(township ?? string.Empty)}" size="10">
                环节 <select name="step"><option value="">全部</option>{Options(ExitProcedureCatalog.National.Steps.Select(s => (s.Code, s.Name)), step)}</select>
                状态 <select name="status"><option value="">全部</option>{Options(Enum.GetValues<ExitCaseStatus>().Select(s => (s.ToString(), s.ChineseName())), status?.ToString())}</select>
                <label><input type="checkbox" name="overdue" value="true"{(overdue == true ? " checked" : string.Empty)}> 仅超期</label>
                <button type="submit">筛选</button>
                </form>
                {StartForm(county)}
                <p class="note">共 {list.Count} 件。</p>
                <table><tr><th>案件</th><th>乡镇</th><th>村</th><th>户主</th><th>当前环节</th><th>办理期限</th><th>超期</th><th>状态</th></tr>{rows}</table>
                """;
            return PageLayout.Page("脱贫退出案件", body);
        });

        pages.MapPost("/start", async (HttpContext http, ClaimsPrincipal user, ExitCaseStarter starter, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            var county = form["county"].ToString();
            if (!ExitApiEndpoints.IsCountyCode(county))
            {
                return PageLayout.Page("无法发起", "<p class=\"bad\">县代码须为 6 位数字。</p>", StatusCodes.Status400BadRequest);
            }

            if (!decimal.TryParse(form["income"], NumberStyles.Number, CultureInfo.InvariantCulture, out var income) || income < 0)
            {
                return PageLayout.Page("无法发起", "<p class=\"bad\">人均纯收入须为不小于 0 的数字（元）。</p>", StatusCodes.Status400BadRequest);
            }

            bool Secured(string field) => form[field] == "true";
            var conditions = new HouseholdConditions(income, Secured("food"), Secured("clothing"), Secured("education"), Secured("medical"), Secured("housing"), Secured("water"));
            var outcome = await starter.StartAsync(county, new StartExitRequest(form["household"].ToString().Trim(), conditions), user.Identity?.Name ?? "unknown", ct);
            if (outcome.Case is { } started)
            {
                return Results.Redirect($"/exits/{Uri.EscapeDataString(started.CaseId)}");
            }

            var failing = string.Concat((outcome.FailingIndicators ?? []).Select(i => $"<li>{E(i.Name)}：{E(i.Value)}（标准 {E(i.Threshold)}）</li>"));
            return PageLayout.Page("未能发起脱贫退出",
                $"<p class=\"bad\">{E(outcome.Message ?? "未能发起。")}</p>{(failing.Length == 0 ? string.Empty : $"<h2>未达标指标</h2><ul>{failing}</ul>")}" +
                $"<p><a href=\"/exits?county={E(county)}\">返回案件列表</a></p>",
                outcome.Refusal == StartRefusal.IndicatorsFailed ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status400BadRequest);
        });

        pages.MapGet("/{caseId}", async (string caseId, ExitCaseStore cases, EvidenceStore evidence, AuditLog audit, ObjectionIntake objections, CancellationToken ct) =>
        {
            var c = await cases.GetAsync(caseId, ct);
            if (c is null)
            {
                return Results.NotFound();
            }

            var auditRows = new StringBuilder();
            foreach (var a in await audit.ReadAsync(caseId, ct))
            {
                auditRows.Append(CultureInfo.InvariantCulture, $"<tr><td>{PageLayout.Time(a.At)}</td><td>{E(a.Actor)}</td><td>{E(a.Role)}</td><td>{E(StepName(c, a.Step))}</td><td>{E(a.Action)}</td>" +
                                 $"<td>{E(a.Comment ?? string.Empty)}</td><td>{E(a.ClientIp ?? string.Empty)}</td></tr>");
            }

            var objectionRows = new StringBuilder();
            foreach (var o in await objections.ListAsync(caseId, ct))
            {
                objectionRows.Append(CultureInfo.InvariantCulture, $"<li><div class=\"meta\">{PageLayout.Time(o.FiledAt)} · 联系方式 {E(o.Contact)}</div><div>{E(o.Reason)}</div></li>");
            }

            var withdraw = c.Status == ExitCaseStatus.InProgress
                ? $"""
                  <h2>撤回案件</h2>
                  <form method="post" action="/exits/{E(c.CaseId)}/withdraw">
                  <p><label>撤回理由（必填）<br><textarea name="reason" rows="2" maxlength="500" required style="width:100%"></textarea></label></p>
                  <p><button type="submit" onclick="return confirm('确定撤回该案件？')">撤回</button></p>
                  </form>
                  """
                : string.Empty;
            var body = $"""
                <p class="note">当前环节：{E(StepName(c, c.CurrentStep))}{(c.StepDueAt is { } due ? $" · 期限 {PageLayout.Time(due)}" : string.Empty)}{(c.Escalated ? " · 已超期督办" : string.Empty)}</p>
                {CaseSections.Household(c)}
                {CaseSections.Indicators(c)}
                {CaseSections.Evidence(await evidence.ListAsync(caseId, ct), id => $"/exits/{Uri.EscapeDataString(caseId)}/evidence/{Uri.EscapeDataString(id)}")}
                {CaseSections.Timeline(await cases.ReadTimelineAsync(caseId, ct))}
                <h2>公示异议</h2><ul class="messages">{(objectionRows.Length == 0 ? "<li>无</li>" : objectionRows.ToString())}</ul>
                <h2>审计记录</h2><table><tr><th>时间</th><th>办理人</th><th>角色</th><th>环节</th><th>结论</th><th>意见</th><th>IP</th></tr>{auditRows}</table>
                {withdraw}
                """;
            return PageLayout.Page("退出案件详情", body);
        });

        pages.MapGet("/{caseId}/evidence/{evidenceId}", async (string caseId, string evidenceId, EvidenceStore evidence, CancellationToken ct) =>
            await evidence.ReadLinkAsync(caseId, evidenceId, ct) is { } uri ? Results.Redirect(uri.ToString()) : Results.NotFound());

        pages.MapPost("/{caseId}/withdraw", async (string caseId, HttpContext http, ClaimsPrincipal user, ExitCaseStore cases, DurableTaskClient client,
            TimeProvider time, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            var problem = await ExitApiEndpoints.WithdrawAsync(caseId, form["reason"], user, cases, client, time, ct);
            return problem is { } p
                ? PageLayout.Page("无法撤回", $"<p class=\"bad\">{E(p.Message)}</p>", p.Status)
                : Results.Redirect($"/exits/{Uri.EscapeDataString(caseId)}");
        });
    }

    /// <summary>One household at a time, with the indicator values found at the household visit; a township's list goes through the batch API.</summary>
    private static string StartForm(string county)
    {
        var checks = string.Concat(new[] { ("food", "不愁吃"), ("clothing", "不愁穿"), ("education", "义务教育有保障"), ("medical", "基本医疗有保障"), ("housing", "住房安全有保障"), ("water", "饮水安全有保障") }
            .Select(c => $"<label><input type=\"checkbox\" name=\"{c.Item1}\" value=\"true\" checked> {c.Item2}</label> "));
        return $"""
            <details><summary>发起一户脱贫退出</summary>
            <form method="post" action="/exits/start">
            <input type="hidden" name="county" value="{E(county)}">
            <p>户编号 <input name="household" required size="20"> 人均纯收入（元） <input name="income" required inputmode="decimal" size="8"></p>
            <p>{checks}</p>
            <p><button type="submit">发起</button></p>
            </form></details>
            """;
    }

    private static string StepName(ExitCase c, string? stepKey) =>
        stepKey is null ? "—" : ExitProcedureCatalog.ById(c.ProcedureId).StepFor(stepKey).Name;

    private static string Options(IEnumerable<(string Value, string Label)> options, string? selected) =>
        string.Concat(options.Select(o => $"<option value=\"{E(o.Value)}\"{(o.Value == selected ? " selected" : string.Empty)}>{E(o.Label)}</option>"));

    private static string E(string text) => PageLayout.Html.Encode(text);
}
