using System.Globalization;
using Workflow.Domain.Funds;
using Workflow.Domain.Projects;
using Workflow.Domain.Register;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Workflow.App.Audit;
using Workflow.App.Links;
using Workflow.App.Notifications;
using Workflow.App.Projects.Orchestration;
using Workflow.App.Register;

namespace Workflow.App.Projects;

/// <summary>
/// A step ended by someone: which step, in which round when a link binds it (null from the county API, which decides the
/// step waited on now), how, the note, who and as what, when, and the link that carried it.
/// </summary>
public sealed record ProjectStepChange(string ProjectId, string Step, int? Round, ProjectOutcome Outcome, string? Note, string By, string Role, DateTimeOffset At,
    string? LinkId = null, string? ClientIp = null, string? UserAgent = null);

/// <summary>The answer to a request on a project: the project as it now is, or the zh-CN problems and nothing changed.</summary>
public sealed record ProjectOutcomeResult(ProjectRecord? Record, IReadOnlyList<string> Problems)
{
    public static ProjectOutcomeResult Refused(params string[] problems) => new(null, problems);
}

/// <summary>
/// The county's project bank (项目库): a village's proposal enters it, each step of the county's procedure is decided
/// once, and a project in operation records its quarters; a quarter below the yield line (002) is flagged to the
/// county office's officer (县扶贫办经办人), as 002 has the office take up projects under 10%. Every change is written to
/// the store first and then raised to the project's workflow (<see cref="ProjectEvents"/>), whether it came through a
/// link or the county API, so the two cannot disagree; a change found already written is raised again, which mends a
/// crash between the write and the raise.
/// </summary>
public sealed class ProjectLedger(ProjectStore store, CountyDirectory counties, NotificationOutbox outbox, LinkAddresses addresses, AuditLog audit, DurableTaskClient client,
    TimeProvider time)
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
        var village = township!.Villages.First(v => v.Name == form.Village!.Trim());
        var project = new PovertyProject(PovertyProject.NewId(places.Code), places.Code, township.Name, village.Name, form.Name!.Trim(), form.Investment!.Value, now,
            township.Code, village.Code);
        await store.AddAsync(project, ProjectProgress.Start(Procedure), cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(new AuditEntry(project.ProjectId, Procedure.Steps[0].Code, "propose", by, "County", $"{project.Village}申报项目“{project.Name}”", now), cancellationToken)
            .ConfigureAwait(false);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(ProjectOrchestrator.Name, new ProjectInput(project.ProjectId, 0), new StartOrchestrationOptions(project.ProjectId),
                cancellationToken).ConfigureAwait(false);
        }
        catch (global::DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException)
        {
            // A new id every proposal: only a retried start can find it started.
        }

        return new ProjectOutcomeResult(await store.GetAsync(project.ProjectId, cancellationToken).ConfigureAwait(false), []);
    }

    /// <summary>Ends the step the project waits on (the county API); a step decided before, or not reached, is refused with nothing changed.</summary>
    public Task<ProjectOutcomeResult> DecideAsync(string projectId, string step, ProjectOutcome outcome, string? note, string by, CancellationToken cancellationToken) =>
        DecideAsync(new ProjectStepChange(projectId, step, null, outcome, note, by, "County", time.GetUtcNow()), cancellationToken);

    /// <summary>
    /// Ends the step the project waits on, in the round <see cref="ProjectStepChange.Round"/> names when it does (a link is
    /// bound to one): written to the store, audited, then raised to the workflow. A change of that round found already
    /// written (the same decision delivered again) is raised again and answered with the project as it is.
    /// </summary>
    public async Task<ProjectOutcomeResult> DecideAsync(ProjectStepChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (await store.GetAsync(change.ProjectId, cancellationToken).ConfigureAwait(false) is null)
        {
            return ProjectOutcomeResult.Refused("没有这个项目。");
        }

        var round = -1;
        var problem = await store.DecideAsync(change.ProjectId, p =>
        {
            round = p.Ended.Count;
            return change.Round is { } bound && bound != round && Procedure.Step(change.Step) is { } step
                ? ProjectMove.Refused($"“{step.Name}”已经办理，不能重复办理。")
                : p.Decide(Procedure, change.Step, change.Outcome, change.At, change.Note?.Trim());
        }, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            var now = await store.GetAsync(change.ProjectId, cancellationToken).ConfigureAwait(false);
            if (change.Round is { } r && now!.Progress.Ended.Count > r && now.Progress.Ended[r] is { } ended && ended.Step == change.Step && ended.Outcome == change.Outcome)
            {
                await RaiseAsync(change.ProjectId, ProjectEvents.StepEnded, new ProjectStepEndedEvent(change.Step, r, change.Outcome), cancellationToken).ConfigureAwait(false);
            }

            return ProjectOutcomeResult.Refused(problem);
        }

        await audit.AppendAsync(new AuditEntry(change.ProjectId, change.Step, change.Outcome.ToString(), change.By, change.Role, change.Note, change.At, change.LinkId,
            change.ClientIp, change.UserAgent), cancellationToken).ConfigureAwait(false);
        await RaiseAsync(change.ProjectId, ProjectEvents.StepEnded, new ProjectStepEndedEvent(change.Step, round, change.Outcome), cancellationToken).ConfigureAwait(false);
        return new ProjectOutcomeResult(await store.GetAsync(change.ProjectId, cancellationToken).ConfigureAwait(false), []);
    }

    /// <summary>
    /// Records a quarter's income and dividends of a project in operation. Bad figures, a project not yet in operation
    /// or a quarter recorded before are refused with nothing changed; a quarter below the line notifies the county office.
    /// </summary>
    public async Task<ProjectOutcomeResult> RecordQuarterAsync(string projectId, string? quarterText, decimal? income, decimal? dividends, string by, string role, CancellationToken cancellationToken)
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
            // Recorded before, perhaps by this very entry delivered again: the workflow hears of it again.
            await RaiseAsync(projectId, ProjectEvents.QuarterRecorded, new ProjectQuarterRecorded(quarter.ToString()), cancellationToken).ConfigureAwait(false);
            return ProjectOutcomeResult.Refused($"{quarter.Shown}的收益已经登记，不能重复登记。");
        }

        await audit.AppendAsync(new AuditEntry(projectId, "operation", "quarter", by, role, $"{quarter.Shown}收益 {PaymentCheck.Yuan(income.Value)} 元，分红 {PaymentCheck.Yuan(dividends.Value)} 元", now), cancellationToken)
            .ConfigureAwait(false);
        if (entry.BelowLine)
        {
            await FlagAsync(record.Project, yield, now, cancellationToken).ConfigureAwait(false);
        }

        await RaiseAsync(projectId, ProjectEvents.QuarterRecorded, new ProjectQuarterRecorded(quarter.ToString()), cancellationToken).ConfigureAwait(false);

        return new ProjectOutcomeResult(await store.GetAsync(projectId, cancellationToken).ConfigureAwait(false), []);
    }

    /// <summary>A rate as a page shows it, e.g. 9.6%.</summary>
    public static string Percent(decimal rate) => (rate * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private Task RaiseAsync(string projectId, string name, object payload, CancellationToken cancellationToken) =>
        client.RaiseEventAsync(projectId, name, payload, cancellationToken);

    private Task<bool> FlagAsync(PovertyProject project, ProjectYield yield, DateTimeOffset at, CancellationToken cancellationToken) =>
        outbox.RecordAsync(new NotificationMessage($"{project.ProjectId}.{yield.Quarter}.below-line", NotificationKinds.Escalated, project.ProjectId, CountyOffice(project.CountyCode),
            $"扶贫项目收益率低于 {Percent(Procedure.YieldLine.MinimumAnnualRate)}：{project.Name}",
            $"{project.Township}{project.Village}“{project.Name}”{yield.Quarter.Shown}折合年收益率 {Percent(yield.AnnualRate)}，低于 {Percent(Procedure.YieldLine.MinimumAnnualRate)} 的底线，请列入问题清单、督促整改。",
            addresses.Absolute($"/console/projects?county={Uri.EscapeDataString(project.CountyCode)}"), at), cancellationToken);
}
