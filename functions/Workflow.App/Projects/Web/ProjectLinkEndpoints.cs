using Workflow.Domain.Projects;
using Workflow.App.Evidence;
using Workflow.App.Links;
using Workflow.App.Pages;

namespace Workflow.App.Projects.Web;

/// <summary>
/// The links of a project's notifications, for phones without sign-in: a step's decider decides it (/project/step/…), a
/// notice's decider reviews an objection (/project/review/…), the township records a quarter (/project/quarter/…). The
/// link is the only credential. A form with any problem is refused with the problem in zh-CN and nothing is changed: an
/// acceptance report is stored only when everything else is right, and the link is spent only when it is stored.
/// </summary>
internal static class ProjectLinkEndpoints
{
    public const int MaxNameLength = 20;
    public const int MaxNoteLength = 500;

    public static void MapProjectLinks(this IEndpointRouteBuilder app)
    {
        foreach (var area in new[] { ProjectRequests.StepArea, ProjectRequests.ReviewArea, ProjectRequests.QuarterArea })
        {
            var purpose = PurposeOf(area);
            app.MapGet($"/project/{area}/{{token}}", async (string token, ProjectIntake intake, ProjectObjections objections, CancellationToken ct) =>
            {
                var check = await intake.CheckAsync(token, purpose, ct);
                return check.Refusal is { } refusal ? LinkRefusalPage.For(refusal) : await PageAsync(purpose, token, check, intake, objections, null, null, StatusCodes.Status200OK, ct);
            });
            app.MapPost($"/project/{area}/{{token}}", (string token, HttpContext http, ProjectIntake intake, ProjectObjections objections, EvidenceStore evidence,
                TimeProvider time, CancellationToken ct) => PostAsync(purpose, token, http, intake, objections, evidence, time, ct));
        }
    }

    private static async Task<IResult> PostAsync(string purpose, string token, HttpContext http, ProjectIntake intake, ProjectObjections objections, EvidenceStore evidence,
        TimeProvider time, CancellationToken ct)
    {
        var check = await intake.CheckAsync(token, purpose, ct);
        if (check.Refusal is { } refusal)
        {
            return LinkRefusalPage.For(refusal);
        }

        if (await PostedForm.ReadAsync(http.Request, ct) is not { } form)
        {
            return PostedForm.NotAForm();
        }

        var entered = new ProjectLinkEntry(form["outcome"].ToString(), form["note"].ToString().Trim(), form["name"].ToString().Trim(), form["income"].ToString().Trim(),
            form["dividends"].ToString().Trim());
        var link = check.Link!;
        var record = check.Record!;
        var (step, holderName) = Holder(purpose, link, record, intake.Procedure);
        var actor = $"{entered.Name}（{holderName}）";
        var role = link.Holder.Split('@')[0];
        var now = time.GetUtcNow();
        var ip = http.Connection.RemoteIpAddress?.ToString();
        var agent = http.Request.Headers.UserAgent.ToString();
        var nameProblem = entered.Name.Length is 0 or > MaxNameLength ? $"请填写经办人姓名（不超过 {MaxNameLength} 字）。"
            : entered.Name.Any(char.IsControl) ? "经办人姓名不能含换行等控制字符，请只填写姓名。" : null;

        if (purpose == ProjectRequests.QuarterPurpose)
        {
            var income = ProjectForm.Amount(entered.Income);
            var dividends = ProjectForm.Amount(entered.Dividends);
            var problem = income is null || dividends is null ? "请按数字填写季度收益和分红金额（元）。"
                : ProjectYield.Problems(record.Project.Investment, income.Value, dividends.Value) is [var first, ..] ? first : nameProblem;
            if (problem is not null)
            {
                return await PageAsync(purpose, token, check, intake, objections, problem, entered, StatusCodes.Status400BadRequest, ct);
            }

            var quarter = ProjectQuarter.TryParse(link.Step)!.Value;
            var yield = ProjectYield.Of(quarter, record.Project.Investment, income!.Value, dividends!.Value);
            return await intake.RecordQuarterAsync(link, new ProjectQuarterEntry(record.Project.ProjectId, link.Step, income.Value, dividends.Value, actor, now, link.LinkId, ip, agent), ct)
                is { } lost ? LinkRefusalPage.For(lost)
                : PageResults.Message("已登记季度收益", $"{quarter.Shown}收益已登记，折合年收益率 {ProjectLedger.Percent(yield.AnnualRate)}"
                    + (yield.BelowLine(intake.Procedure.YieldLine) ? $"，低于 {ProjectLedger.Percent(intake.Procedure.YieldLine.MinimumAnnualRate)} 的底线，已提示县扶贫办。" : "。"),
                    ok: true, note: "本链接已失效。", attributes: new Dictionary<string, object> { ["data-outcome"] = "quarter" });
        }

        var review = purpose == ProjectRequests.ReviewPurpose;
        var choice = ProjectChoice.For(step, review).FirstOrDefault(c => c.Value == entered.Choice);
        var report = form.Files.GetFile("report") is { Length: > 0 } file ? file : null;
        var decisionProblem = choice is null ? "请选择办理结果。"
            : entered.Note.Length > MaxNoteLength ? $"意见不超过 {MaxNoteLength} 字。"
            : (review || choice.Outcome == ProjectOutcome.Returned) && entered.Note.Length == 0 ? (review ? "请填写复核意见。" : "退回时请填写退回理由。")
            : step.Kind == ProjectStepKind.Acceptance && !review && report is null ? "请上传验收报告（JPEG、PNG 图片或 PDF）。"
            : nameProblem;
        if (decisionProblem is not null)
        {
            return await PageAsync(purpose, token, check, intake, objections, decisionProblem, entered, StatusCodes.Status400BadRequest, ct);
        }

        string? evidenceId = null;
        if (step.Kind == ProjectStepKind.Acceptance && !review)
        {
            try
            {
                await using var content = report!.OpenReadStream();
                evidenceId = (await evidence.UploadAsync(record.Project.ProjectId, link.Step, report.FileName, report.ContentType, content, actor, ct)).EvidenceId;
            }
            catch (EvidenceRejectedException e)
            {
                return await PageAsync(purpose, token, check, intake, objections, $"{report!.FileName}：{e.Message}", entered, StatusCodes.Status400BadRequest, ct);
            }
        }

        var decision = new ProjectLinkDecision(record.Project.ProjectId, link.Step, choice!.Outcome, entered.Note.Length == 0 ? null : entered.Note, actor, role, evidenceId, now,
            link.LinkId, ip, agent);
        return await intake.DecideAsync(link, decision, ct) is { } taken ? LinkRefusalPage.For(taken)
            : PageResults.Message("已办理", $"“{(review ? step.Name + "异议复核" : step.Name)}”已办理：{choice.Label}。", ok: true, note: "本链接已失效。",
                attributes: new Dictionary<string, object> { ["data-outcome"] = choice.Value });
    }

    private static async Task<IResult> PageAsync(string purpose, string token, ProjectLinkCheck check, ProjectIntake intake, ProjectObjections objections, string? problem,
        ProjectLinkEntry? entered, int status, CancellationToken ct)
    {
        var record = check.Record!;
        var link = check.Link!;
        var (step, holderName) = Holder(purpose, link, record, intake.Procedure);
        var review = purpose == ProjectRequests.ReviewPurpose;
        var quarter = purpose == ProjectRequests.QuarterPurpose ? ProjectQuarter.TryParse(link.Step)?.Shown : null;
        return PageResults.Page<ProjectStepPage>(new
        {
            Action = ProjectRequests.PathOf(purpose, token),
            Record = record,
            intake.Procedure,
            Step = step,
            HolderName = holderName,
            Choices = ProjectChoice.For(step, review),
            IsReview = review,
            Objections = review ? (await objections.ListAsync(record.Project.ProjectId, ct)).Where(o => o.Review == link.Step).ToList() : [],
            Quarter = quarter,
            YieldLine = intake.Procedure.YieldLine.MinimumAnnualRate,
            DueAt = quarter is null ? record.Times?.OverdueAt : null,
            Problem = problem,
            Entered = entered,
        }, status);
    }

    /// <summary>The step a link is for (a quarter's is operation) and its holder as pages name it.</summary>
    private static (ProjectStep Step, string HolderName) Holder(string purpose, CapabilityLink link, ProjectRecord record, ProjectProcedure procedure)
    {
        var step = purpose == ProjectRequests.QuarterPurpose ? procedure.Steps[^1] : procedure.Step(ProjectStepKeys.Read(link.Step)!.Value.Step)!;
        return (step, ProjectRecipients.NameOf(record.Project, step));
    }

    private static string PurposeOf(string area) => area switch
    {
        ProjectRequests.ReviewArea => ProjectRequests.ReviewPurpose,
        ProjectRequests.QuarterArea => ProjectRequests.QuarterPurpose,
        _ => ProjectRequests.StepPurpose,
    };
}
