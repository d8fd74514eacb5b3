using System.Globalization;
using Workflow.Domain.Funds;
using Workflow.Domain.Projects;
using Workflow.Domain.Register;
using Workflow.App.Audit;
using Workflow.App.Links;
using Workflow.App.Notifications;
using Workflow.App.Register;

namespace Workflow.App.Projects;

/// <summary>The answer to a request on a project: the project as it now is, or the zh-CN problems and nothing changed.</summary>
public sealed record ProjectOutcomeResult(ProjectRecord? Record, IReadOnlyList<string> Problems)
{
    public static ProjectOutcomeResult Refused(params string[] problems) => new(null, problems);
}

/// <summary>
/// The county's project bank (项目库): a village's proposal enters it, each step of the county's procedure is decided
/// once, and a project in operation records its quarters; a quarter below the yield line (002) is flagged to the
/// county office's officer (县扶贫办经办人), as 002 has the office take up projects under 10%.
/// </summary>
public sealed class ProjectLedger(ProjectStore store, CountyDirectory counties, NotificationOutbox outbox, LinkAddresses addresses, AuditLog audit, TimeProvider time)
{
    /// <summary>The procedure projects follow; the shipped default until a county ships its own.</summary>
    public ProjectProcedure Procedure { get; } = ProjectProcedure.Default;

    public static string CountyOffice(string countyCode) => $"CountyOfficer@{countyCode}";

    public static string PathOf(string projectId) => $"/api/projects/{Uri.EscapeDataString(projectId)}";

    public async Task<ProjectOutcomeResult> ProposeAsync(string countyCode, ProjectForm form, string by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await counties.FindPlacesAsync(countyCode, cancellationToken).ConfigureAwait(false) is not { } places)
        {
            return ProjectOutcomeResult.Refused("没有这个县的登记信息。");
        }

        var problems = form.Problems().ToList();
        var township = places.Townships.FirstOrDefault(t => t.Name == form.Township?.Trim());
        if (problems.Count == 0 && township?.Villages.FirstOrDefault(v => v.Name == form.Village?.Trim()) is null)
        {
            problems.Add("乡镇或村不在本县登记的区划中。");
        }

        if (problems.Count > 0)
        {
            return new ProjectOutcomeResult(null, problems);
        }

        var now = time.GetUtcNow();
        var project = new PovertyProject(PovertyProject.NewId(places.Code), places.Code, township!.Name, form.Village!.Trim(), form.Name!.Trim(), form.Investment!.Value, now);
        await store.AddAsync(project, ProjectProgress.Start(Procedure), cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(new AuditEntry(project.ProjectId, Procedure.Steps[0].Code, "propose", by, "County", $"{project.Village}申报项目“{project.Name}”", now), cancellationToken)
            .ConfigureAwait(false);
        return new ProjectOutcomeResult(await store.GetAsync(project.ProjectId, cancellationToken).ConfigureAwait(false), []);
    }

    /// <summary>Ends the step the project waits on; a step decided before, or not reached, is refused with nothing changed.</summary>
    public async Task<ProjectOutcomeResult> DecideAsync(string projectId, string step, ProjectOutcome outcome, string? note, string by, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(projectId, cancellationToken).ConfigureAwait(false) is null)
        {
            return ProjectOutcomeResult.Refused("没有这个项目。");
        }

        var now = time.GetUtcNow();
        var problem = await store.DecideAsync(projectId, p => p.Decide(Procedure, step, outcome, now, note?.Trim()), cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return ProjectOutcomeResult.Refused(problem);
        }

        await audit.AppendAsync(new AuditEntry(projectId, step, outcome.ToString(), by, "County", note, now), cancellationToken).ConfigureAwait(false);
        return new ProjectOutcomeResult(await store.GetAsync(projectId, cancellationToken).ConfigureAwait(false), []);
    }

    /// <summary>
    /// Records a quarter's income and dividends of a project in operation. Bad figures, a project not yet in operation
    /// or a quarter recorded before are refused with nothing changed; a quarter below the line notifies the county office.
    /// </summary>
    public async Task<ProjectOutcomeResult> RecordQuarterAsync(string projectId, string? quarterText, decimal? income, decimal? dividends, string by, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(projectId, cancellationToken).ConfigureAwait(false) is not { } record)
        {
            return ProjectOutcomeResult.Refused("没有这个项目。");
        }

        if (!record.Progress.InOperation(Procedure))
        {
            return ProjectOutcomeResult.Refused("项目尚未进入运营，不能登记季度收益。");
        }

        if (ProjectQuarter.TryParse(quarterText) is not { } quarter)
        {
            return ProjectOutcomeResult.Refused("季度格式不正确，请按“2026Q3”填写。");
        }

        if (income is null || dividends is null)
        {
            return ProjectOutcomeResult.Refused("请按数字填写季度收益和分红金额（元）。");
        }

        var problems = ProjectYield.Problems(record.Project.Investment, income.Value, dividends.Value);
        if (problems.Count > 0)
        {
            return new ProjectOutcomeResult(null, problems);
        }

        var now = time.GetUtcNow();
        var yield = ProjectYield.Of(quarter, record.Project.Investment, income.Value, dividends.Value);
        var entry = new ProjectQuarterRecord(projectId, yield, yield.BelowLine(Procedure.YieldLine), by, now);
        if (!await store.TryAddQuarterAsync(entry, cancellationToken).ConfigureAwait(false))
        {
            return ProjectOutcomeResult.Refused($"{quarter.Shown}的收益已经登记，不能重复登记。");
        }

        await audit.AppendAsync(new AuditEntry(projectId, "operation", "quarter", by, "County", $"{quarter.Shown}收益 {PaymentCheck.Yuan(income.Value)} 元，分红 {PaymentCheck.Yuan(dividends.Value)} 元", now), cancellationToken)
            .ConfigureAwait(false);
        if (entry.BelowLine)
        {
            await FlagAsync(record.Project, yield, now, cancellationToken).ConfigureAwait(false);
        }

        return new ProjectOutcomeResult(await store.GetAsync(projectId, cancellationToken).ConfigureAwait(false), []);
    }

    /// <summary>A rate as a page shows it, e.g. 9.6%.</summary>
    public static string Percent(decimal rate) => (rate * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private Task<bool> FlagAsync(PovertyProject project, ProjectYield yield, DateTimeOffset at, CancellationToken cancellationToken) =>
        outbox.RecordAsync(new NotificationMessage($"{project.ProjectId}.{yield.Quarter}.below-line", NotificationKinds.Escalated, project.ProjectId, CountyOffice(project.CountyCode),
            $"扶贫项目收益率低于 {Percent(Procedure.YieldLine.MinimumAnnualRate)}：{project.Name}",
            $"{project.Township}{project.Village}“{project.Name}”{yield.Quarter.Shown}折合年收益率 {Percent(yield.AnnualRate)}，低于 {Percent(Procedure.YieldLine.MinimumAnnualRate)} 的底线，请列入问题清单、督促整改。",
            addresses.Absolute($"/console/projects?county={Uri.EscapeDataString(project.CountyCode)}"), at), cancellationToken);
}
