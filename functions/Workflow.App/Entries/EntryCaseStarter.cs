using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Workflow.App.Entries.Orchestration;
using Workflow.App.Exits;
using Workflow.App.Exits.Orchestration;
using Workflow.App.Register;
using Workflow.Domain.Entries;
using Workflow.Domain.Exits;
using Workflow.Domain.Register;

namespace Workflow.App.Entries;

/// <summary>
/// Starts entry cases (新识别, 返贫) on the county's entry procedure. A household has at most one open case of any kind;
/// a 返贫 is for an exited household; a 新识别's members must have valid 身份证号 no other household holds. Outside the
/// county's annual 动态调整 window a 新识别 is 即时纳入 and must name its sudden hardship. Seed 001: "每年开展一次贫困人口
/// 动态调整", and for sudden hardship "即时出现、即时标注、即时纳入，建立台账".
/// </summary>
public sealed class EntryCaseStarter(
    RegisterStore register, CountyDirectory directory, ExitCaseStore cases, EntryProposalStore proposals, EntryWindowStore windows,
    DurableTaskClient client, TimeProvider time, IConfiguration configuration)
{
    /// <summary>Entry attempts per household and kind, as for exits.</summary>
    public const int MaxAttempt = ExitCaseStarter.MaxAttempt;

    /// <summary>返贫: proposes an exited household for registration again (a monitoring alert or a township calls this).</summary>
    public async Task<StartOutcome> StartRelapseAsync(string countyCode, RelapseRequest request, string startedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.HouseholdNumber is not { } number || ExitCaseId.CountyOf(ExitCaseId.ForEntry(countyCode, number, CaseKind.Relapse, 1)) != countyCode)
        {
            return StartOutcome.Refused(request.HouseholdNumber, StartRefusal.Invalid, "户编号须为字母或数字。");
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return StartOutcome.Refused(number, StartRefusal.Invalid, "请填写返贫原因。");
        }

        var registered = await register.FindHouseholdAsync(countyCode, number, cancellationToken).ConfigureAwait(false);
        if (registered is null)
        {
            return StartOutcome.Refused(number, StartRefusal.NotFound, $"户编号 {number} 不在本县建档立卡名册中。");
        }

        if (registered.Household.Status == PovertyStatus.NotExited)
        {
            return StartOutcome.Refused(number, StartRefusal.Conflict, "该户未脱贫，无需返贫纳入。");
        }

        var reason = $"{request.Reason.Trim()}（{Text(request.Source) ?? "乡镇提名"}，提出：{Text(request.ProposedBy) ?? startedBy}）";
        var household = registered.Household;
        return await StartAsync(countyCode, CaseKind.Relapse, number, registered.TownshipCode, registered.Township, registered.VillageCode, registered.Village,
            household.Head.Name, household.Head.IdNumber.Mask(), reason, suddenHardship: null, proposal: null, startedBy, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>新识别: proposes a household not on the register.</summary>
    public async Task<StartOutcome> StartNewEntryAsync(string countyCode, NewEntryRequest request, string startedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Members is not { Count: > 0 } members)
        {
            return StartOutcome.Refused(request.HouseholdNumber, StartRefusal.Invalid, "请填写家庭成员（含户主）及其身份证号。");
        }

        if (string.IsNullOrWhiteSpace(request.Reason) || string.IsNullOrWhiteSpace(request.ResponsibleCadre) || request.PerCapitaNetIncome is not ({ } income and >= 0)
            || !ChineseTerms.TryParse<PovertyCause>(request.Cause, out _))
        {
            return StartOutcome.Refused(request.HouseholdNumber, StartRefusal.Invalid,
                $"请填写纳入理由、帮扶责任人、人均纯收入（不小于 0 的数）和致贫原因（{string.Join("、", ChineseTerms.All<PovertyCause>())}）。");
        }

        var ids = new List<ResidentIdNumber>();
        for (var i = 0; i < members.Count; i++)
        {
            var member = members[i];
            if (string.IsNullOrWhiteSpace(member.Name) || !ChineseTerms.TryParse<Relationship>(member.Relationship, out _))
            {
                return StartOutcome.Refused(request.HouseholdNumber, StartRefusal.Invalid, $"第 {i + 1} 名成员须填写姓名和与户主关系（户主、配偶、之子等）。");
            }

            // The number is not repeated: it is wrong, and a wrong number may still be someone's.
            if (!ResidentIdNumber.TryParse(member.IdNumber, out var id))
            {
                return StartOutcome.Refused(request.HouseholdNumber, StartRefusal.Invalid, $"第 {i + 1} 名成员（{member.Name}）的身份证号无效：须为 18 位且校验码正确。");
            }

            if (ids.Contains(id))
            {
                return StartOutcome.Refused(request.HouseholdNumber, StartRefusal.Invalid, $"身份证号 {id.Mask()} 在本户填写了两次。");
            }

            ids.Add(id);
        }

        var heads = members.Count(m => ChineseTerms.TryParse<Relationship>(m.Relationship, out var r) && r == Relationship.Head);
        if (heads != 1)
        {
            return StartOutcome.Refused(request.HouseholdNumber, StartRefusal.Invalid, "一户须有且只有一名户主。");
        }

        var places = await directory.FindPlacesAsync(countyCode, cancellationToken).ConfigureAwait(false);
        var township = places?.Townships.FirstOrDefault(t => t.Code == request.Township || t.Name == request.Township);
        var village = township?.Villages.FirstOrDefault(v => v.Code == request.Village || v.Name == request.Village);
        if (township is null || village is null)
        {
            return StartOutcome.Refused(request.HouseholdNumber, StartRefusal.NotFound, "乡镇或村不在本县名录中。");
        }

        foreach (var id in ids)
        {
            if (await register.FindByIdNumberAsync(countyCode, id, cancellationToken).ConfigureAwait(false) is { } holder)
            {
                return StartOutcome.Refused(request.HouseholdNumber, StartRefusal.Conflict, $"身份证号 {id.Mask()} 已在户编号 {holder.Household.Number} 中登记。");
            }
        }

        var headIndex = members.ToList().FindIndex(m => ChineseTerms.TryParse<Relationship>(m.Relationship, out var r) && r == Relationship.Head);
        var (head, headId) = (members[headIndex], ids[headIndex]);
        // A number made from the village and the head: the same proposal started twice gets the same household.
        var number = Text(request.HouseholdNumber) ?? $"{village.Code}N{RegisterKeys.HashOf(headId)[..8]}";
        if (ExitCaseId.CountyOf(ExitCaseId.ForEntry(countyCode, number, CaseKind.NewEntry, 1)) != countyCode)
        {
            return StartOutcome.Refused(number, StartRefusal.Invalid, "户编号须为字母或数字。");
        }

        if (await register.FindHouseholdAsync(countyCode, number, cancellationToken).ConfigureAwait(false) is not null)
        {
            return StartOutcome.Refused(number, StartRefusal.Conflict, $"户编号 {number} 已在本县建档立卡名册中。");
        }

        var proposal = new EntryProposal(township.Code, township.Name, village.Code, village.Name, request with { HouseholdNumber = number, PerCapitaNetIncome = income });
        return await StartAsync(countyCode, CaseKind.NewEntry, number, township.Code, township.Name, village.Code, village.Name, head.Name!, headId.Mask(),
            request.Reason.Trim(), Text(request.SuddenHardship), proposal, startedBy, cancellationToken).ConfigureAwait(false);
    }

    private async Task<StartOutcome> StartAsync(
        string countyCode, CaseKind kind, string number, string townshipCode, string township, string villageCode, string village, string headName, string maskedHeadId,
        string reason, string? suddenHardship, EntryProposal? proposal, string startedBy, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var household = await cases.ListAsync(new ExitCaseQuery(countyCode, HouseholdNumber: number), now, cancellationToken).ConfigureAwait(false);
        if (household.FirstOrDefault(c => c.Status == ExitCaseStatus.InProgress) is { } open)
        {
            return StartOutcome.Refused(number, StartRefusal.Conflict,
                $"该户已有办理中的{(open.Kind == CaseKind.Exit ? "退出" : "纳入")}案件 {open.CaseId}。");
        }

        var year = windows.CurrentYear;
        var window = await windows.GetAsync(countyCode, year, cancellationToken).ConfigureAwait(false);
        var mode = window is { IsOpen: true } ? EntryMode.AnnualAdjustment : EntryMode.Immediate;
        if (mode == EntryMode.Immediate && kind == CaseKind.NewEntry)
        {
            if (suddenHardship is null)
            {
                return StartOutcome.Refused(number, StartRefusal.Invalid,
                    $"本县 {year} 年度动态调整未开放，现只能即时纳入：请填写因病因灾等突发困难原因（suddenHardship）。");
            }

            reason = $"{reason}（即时纳入：{suddenHardship}）";
        }

        var attempt = household.Count(c => c.Kind == kind) + 1;
        if (attempt > MaxAttempt)
        {
            return StartOutcome.Refused(number, StartRefusal.Invalid, $"该户纳入申请已达 {MaxAttempt} 次。");
        }

        var caseId = ExitCaseId.ForEntry(countyCode, number, kind, attempt);
        var procedure = EntryProcedureCatalog.For(countyCode, year);
        var entryCase = new ExitCase(caseId, countyCode, townshipCode, township, villageCode, village, number, headName, maskedHeadId, attempt, year, procedure.Id,
            ExitCaseStatus.InProgress, null, null, false, null, [], now, startedBy, null, null, kind, mode, reason);
        // The proposal is kept before the case row: once the row is there, 挂号 may need it.
        if (proposal is not null)
        {
            await proposals.SaveAsync(countyCode, caseId, proposal, cancellationToken).ConfigureAwait(false);
        }

        if (!await cases.TryAddAsync(entryCase, cancellationToken).ConfigureAwait(false))
        {
            entryCase = await cases.GetAsync(caseId, cancellationToken).ConfigureAwait(false) ?? entryCase;
            return StartOutcome.Existing(entryCase);
        }

        await StartOrchestrationAsync(caseId, procedure, cancellationToken).ConfigureAwait(false);
        return StartOutcome.Started(entryCase);
    }

    private async Task StartOrchestrationAsync(string caseId, ExitProcedure procedure, CancellationToken cancellationToken)
    {
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(HouseholdEntryOrchestrator.Name, new ExitCaseInput(caseId, procedure, configuration.GetValue<TimeSpan?>("Exits:NoticePeriod")),
                new StartOrchestrationOptions(caseId), cancellationToken).ConfigureAwait(false);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Started by a concurrent request for the same household.
        }
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
