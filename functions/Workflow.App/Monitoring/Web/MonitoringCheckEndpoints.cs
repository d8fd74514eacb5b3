using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.App.Links;
using Workflow.App.Pages;
using Workflow.Domain.Calendar;
using Workflow.Domain.Monitoring;

namespace Workflow.App.Monitoring.Web;

/// <summary>
/// The check link (/monitor/{token}) a 帮扶责任人 opens from the month's notification: the household and a form for the
/// month's check. A refused post keeps its entries and names each field in zh-CN; a reused, expired or forged link is refused.
/// </summary>
internal static class MonitoringCheckEndpoints
{
    public static void MapMonitoringChecks(this IEndpointRouteBuilder app)
    {
        app.MapGet(MonitoringCheckLinks.PathPrefix + "{token}", async (string token, MonitoringCheckIntake intake, TimeProvider time, CancellationToken ct) =>
        {
            var check = await intake.CheckAsync(token, ct);
            return check.Refusal is { } refusal
                ? LinkRefusalPage.For(refusal)
                : Form(token, check, EnteredCheck.Fresh(ShanghaiTime.DateOf(time.GetUtcNow())), [], StatusCodes.Status200OK);
        });

        app.MapPost(MonitoringCheckLinks.PathPrefix + "{token}", async (string token, HttpContext http, MonitoringCheckIntake intake, TimeProvider time,
            CancellationToken ct) =>
        {
            var check = await intake.CheckAsync(token, ct);
            if (check.Refusal is { } refusal)
            {
                return LinkRefusalPage.For(refusal);
            }

            var form = await http.Request.ReadFormAsync(ct);
            string Text(string field) => form[field].ToString().Trim();
            HashSet<string> Ticked(IEnumerable<string> fields) => fields.Where(f => form[f].ToString() == "yes").ToHashSet(StringComparer.Ordinal);
            var entered = new EnteredCheck(Text("name"), Text("checkedOn"), Text("income"), Ticked(MonitoringCheckPage.Guarantees.Select(g => g.Field)),
                Ticked(["illness", "disaster", "lostWork"]), Text("membersDied"), Text("other"));

            var problems = new List<string>();
            if (!DateOnly.TryParseExact(entered.CheckedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var checkedOn))
            {
                problems.Add("请按 yyyy-MM-dd 填写入户日期。");
            }

            if (!decimal.TryParse(entered.Income, NumberStyles.Number, CultureInfo.InvariantCulture, out var income))
            {
                problems.Add("请填写预计全年人均纯收入（元，数字）。");
            }

            if (!int.TryParse(entered.MembersDied, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var died))
            {
                problems.Add("请填写家庭成员死亡人数（整数，没有填 0）。");
            }

            var entry = check.Entry!;
            var household = entry.Household;
            var today = ShanghaiTime.DateOf(time.GetUtcNow());
            var monthly = new MonthlyCheck(household.Number, check.Month, checkedOn, income,
                entered.Secured.Contains("food"), entered.Secured.Contains("clothing"), entered.Secured.Contains("education"),
                entered.Secured.Contains("medical"), entered.Secured.Contains("housing"), entered.Secured.Contains("water"),
                new NewRisks(entered.Risks.Contains("illness"), entered.Risks.Contains("disaster"), entered.Risks.Contains("lostWork"), died,
                    entered.Other.Length == 0 ? null : entered.Other),
                entered.Name);
            if (problems.Count == 0)
            {
                problems.AddRange(MonthlyCheckValidator.Validate(monthly, household.Size, today).Select(p => p.Message));
            }

            if (problems.Count > 0)
            {
                return Form(token, check, entered, problems, StatusCodes.Status400BadRequest);
            }

            var link = check.Link!;
            var county = MonitoringKeys.ReadSubject(link.Subject)!.Value.County;
            if (MonitoringStandard.For(county, check.Month.Year) is not { } standard)
            {
                return PageResults.Message("无法研判", "本县尚无扶贫标准，监测无法研判，请联系县扶贫办。", StatusCodes.Status409Conflict);
            }

            if (await intake.RecordAsync(link, new RecordedCheck(county, monthly, link.LinkId, link.Holder, time.GetUtcNow()), ct) is { } lost)
            {
                return LinkRefusalPage.For(lost);
            }

            var assessment = CheckAssessment.Of(monthly, standard);
            return assessment.Alerts
                ? PageResults.Message("已提交：监测预警", $"{check.Month}监测已提交。预警：{string.Join(string.Empty, assessment.Reasons)}已通知{MonitoringRecipients.TownshipLeaderName(household.Township)}。",
                    ok: true, note: "本链接已失效。", attributes: new Dictionary<string, object> { ["data-checked"] = "alert" })
                : PageResults.Message("已提交", $"{check.Month}监测已提交，未发现预警情形。", ok: true, note: "本链接已失效；下月将另行发送链接。",
                    attributes: new Dictionary<string, object> { ["data-checked"] = "ok" });
        });
    }

    private static RazorComponentResult<MonitoringCheckPage> Form(string token, MonitoringLinkCheck check, EnteredCheck entered, IReadOnlyList<string> problems, int status)
    {
        var county = MonitoringKeys.ReadSubject(check.Link!.Subject)!.Value.County;
        var standard = MonitoringStandard.For(county, check.Month.Year);
        var line = standard is null
            ? "本县尚无扶贫标准，收入不作比较。"
            : string.Create(CultureInfo.InvariantCulture, $"{standard.CountyName}{standard.Year}年扶贫标准 {standard.IncomeLine:0.##} 元/人·年") +
              (standard.Year == check.Month.Year ? string.Empty : $"（{check.Month.Year}年标准未发布，沿用{standard.Year}年标准）");
        return PageResults.Page<MonitoringCheckPage>(new Dictionary<string, object?>
        {
            [nameof(MonitoringCheckPage.Token)] = token,
            [nameof(MonitoringCheckPage.Household)] = check.Entry!.Household,
            [nameof(MonitoringCheckPage.Month)] = check.Month,
            [nameof(MonitoringCheckPage.Line)] = line,
            [nameof(MonitoringCheckPage.Entered)] = entered,
            [nameof(MonitoringCheckPage.Problems)] = problems,
        }, status);
    }
}
