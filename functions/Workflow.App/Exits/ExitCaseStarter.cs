using Workflow.Domain.Exits;
using Workflow.Domain.Register;
using Workflow.Domain.Standards;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Workflow.App.Exits.Orchestration;
using Workflow.App.Register;

namespace Workflow.App.Exits;

/// <summary>
/// Starts exit cases. A household is proposed only when it is on the register, not exited, not in another running
/// case, and passes all seven indicators (未实现两不愁三保障的不得退出). Starting the same household and attempt again
/// returns the case it started the first time, and repairs a start that stopped before its orchestration was sent.
/// </summary>
public sealed class ExitCaseStarter(RegisterStore register, ExitCaseStore cases, DurableTaskClient client, TimeProvider time, IConfiguration configuration)
{
    public const int MaxAttempt = 99;

    public async Task<StartOutcome> StartAsync(string countyCode, StartExitRequest request, string startedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.HouseholdNumber is not { } number || ExitCaseId.CountyOf(ExitCaseId.For(countyCode, number, request.Attempt)) != countyCode
            || request.Attempt is < 1 or > MaxAttempt)
        {
            return StartOutcome.Refused(request.HouseholdNumber, StartRefusal.Invalid, $"户编号须为字母或数字，申请次数须在 1 至 {MaxAttempt} 之间。");
        }

        if (request.Conditions is not { } conditions)
        {
            return StartOutcome.Refused(number, StartRefusal.Invalid, "缺少入户核查结果（conditions）。");
        }

        var caseId = ExitCaseId.For(countyCode, number, request.Attempt);
        if (await cases.GetAsync(caseId, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            await EnsureRunningAsync(existing, cancellationToken).ConfigureAwait(false);
            return StartOutcome.Existing(existing);
        }

        var registered = await register.FindHouseholdAsync(countyCode, number, cancellationToken).ConfigureAwait(false);
        if (registered is null)
        {
            return StartOutcome.Refused(number, StartRefusal.NotFound, $"户编号 {number} 不在本县建档立卡名册中。");
        }

        // The open case first: an exited household with a 返贫 under way is told of that case, not only that it has exited.
        var running = await cases.ListAsync(new ExitCaseQuery(countyCode, HouseholdNumber: number, Status: ExitCaseStatus.InProgress), time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (running.Count > 0)
        {
            var open = running[0];
            var named = open.Kind == CaseKind.Exit ? "退出案件" : $"{open.Kind.ChineseName()}案件";
            return StartOutcome.Refused(number, StartRefusal.Conflict, $"该户已有办理中的{named} {open.CaseId}。");
        }

        var household = registered.Household;
        if (household.Status != PovertyStatus.NotExited)
        {
            return StartOutcome.Refused(number, StartRefusal.Conflict, "该户已脱贫，不能再次申请退出。");
        }

        StandardRuleSet standard;
        try
        {
            standard = StandardCatalog.For(countyCode, household.Income.Year);
        }
        catch (StandardNotAvailableException)
        {
            return StartOutcome.Refused(number, StartRefusal.Invalid, $"本县 {household.Income.Year} 年度的退出标准尚未配置。");
        }

        var evaluation = standard.EvaluateHousehold(conditions);
        var indicators = evaluation.Results
            .Select(r => new CaseIndicator(r.Indicator.Code, r.Indicator.Name, r.Value.ToString(), r.Threshold.ToString(), r.Passed))
            .ToList();
        if (!evaluation.AllPassed)
        {
            return StartOutcome.Ineligible(number, indicators.Where(i => !i.Passed).ToList());
        }

        var procedure = ExitProcedureCatalog.For(countyCode, household.Income.Year);
        var exitCase = new ExitCase(caseId, countyCode, registered.TownshipCode, registered.Township, registered.VillageCode, registered.Village,
            number, household.Head.Name, household.Head.IdNumber.Mask(), request.Attempt, household.Income.Year, procedure.Id,
            ExitCaseStatus.InProgress, null, null, false, null, indicators, time.GetUtcNow(), startedBy, null, null);
        if (!await cases.TryAddAsync(exitCase, cancellationToken).ConfigureAwait(false))
        {
            exitCase = await cases.GetAsync(caseId, cancellationToken).ConfigureAwait(false) ?? exitCase;
            await EnsureRunningAsync(exitCase, cancellationToken).ConfigureAwait(false);
            return StartOutcome.Existing(exitCase);
        }

        await StartOrchestrationAsync(caseId, procedure, cancellationToken).ConfigureAwait(false);
        return StartOutcome.Started(exitCase);
    }

    // The case row is written first, so a start that stopped after it may not have started its orchestration.
    private async Task EnsureRunningAsync(ExitCase exitCase, CancellationToken cancellationToken)
    {
        if (exitCase.Status == ExitCaseStatus.InProgress && await client.GetInstanceAsync(exitCase.CaseId, cancellationToken).ConfigureAwait(false) is null or { RuntimeStatus: OrchestrationRuntimeStatus.Pending })
        {
            await StartOrchestrationAsync(exitCase.CaseId, ExitProcedureCatalog.ById(exitCase.ProcedureId), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task StartOrchestrationAsync(string caseId, ExitProcedure procedure, CancellationToken cancellationToken)
    {
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(HouseholdExitOrchestrator.Name, new ExitCaseInput(caseId, procedure, configuration.GetValue<TimeSpan?>("Exits:NoticePeriod")),
                new StartOrchestrationOptions(caseId), cancellationToken).ConfigureAwait(false);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Started by a concurrent request for the same household and attempt.
        }
    }
}

/// <summary>A request to start one household's exit: the 户编号, the attempt (1 for the first), and the 入户核查 findings.</summary>
public sealed record StartExitRequest(string? HouseholdNumber, HouseholdConditions? Conditions, int Attempt = 1);

public enum StartRefusal
{
    Invalid,
    NotFound,
    Conflict,
    IndicatorsFailed,
}

/// <summary>What starting one household gave: a case (new or the one started before), or why not.</summary>
public sealed record StartOutcome(string? HouseholdNumber, ExitCase? Case, bool Created, StartRefusal? Refusal, string? Message, IReadOnlyList<CaseIndicator>? FailingIndicators)
{
    public static StartOutcome Started(ExitCase c) => new(c.HouseholdNumber, c, true, null, null, null);

    public static StartOutcome Existing(ExitCase c) => new(c.HouseholdNumber, c, false, null, null, null);

    public static StartOutcome Refused(string? number, StartRefusal refusal, string message) => new(number, null, false, refusal, message, null);

    public static StartOutcome Ineligible(string number, IReadOnlyList<CaseIndicator> failing) =>
        new(number, null, false, StartRefusal.IndicatorsFailed, "未实现两不愁三保障或收入未达标的不得退出，以下指标未达标。", failing);
}
