using System.Globalization;
using Microsoft.DurableTask;
using Workflow.App.Exits;
using Workflow.App.Exits.Orchestration;
using Workflow.App.Register;
using Workflow.Domain.Calendar;
using Workflow.Domain.Entries;
using Workflow.Domain.Exits;
using Workflow.Domain.Register;

namespace Workflow.App.Entries.Orchestration;

/// <summary>
/// 挂号: the household is on the register as 未脱贫 with the date and the case. A 新识别 household is written through
/// <see cref="RegisterStore.SaveAsync"/>, so the county's index (members, households) stays true; a 返贫 one goes back to
/// 未脱贫. Running it again finds the household written and the record kept, and changes nothing.
/// </summary>
public sealed class RegisterActivity(ExitCaseStore cases, EntryProposalStore proposals, RegisterStore register, TimeProvider time) : TaskActivity<CloseInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, CloseInput input)
    {
        var token = CancellationToken.None;
        var at = time.GetUtcNow();
        var entryCase = (await cases.ReadRequiredAsync(input.CaseId, token).ConfigureAwait(false)).Case;
        var kind = entryCase.Kind == CaseKind.NewEntry ? EntryKind.NewEntry : EntryKind.Relapse;
        var date = ShanghaiTime.DateOf(at);
        if (kind == EntryKind.NewEntry)
        {
            await WriteHouseholdAsync(entryCase, token).ConfigureAwait(false);
        }

        await register.RecordEntryAsync(entryCase.CountyCode, entryCase.HouseholdNumber, new EntryRecord(input.CaseId, date, kind, entryCase.Reason ?? string.Empty), token)
            .ConfigureAwait(false);
        await cases.AppendTimelineAsync(input.CaseId, new TimelineEntry(input.Sequence, at, TimelineKinds.Registered, ExitProcedure.Registration,
            $"已挂号（{kind.ChineseName()}）：户状态为“未脱贫”，挂号日期 {date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}。"), token).ConfigureAwait(false);
        return true;
    }

    private async Task WriteHouseholdAsync(ExitCase entryCase, CancellationToken token)
    {
        var index = await register.ReadIndexAsync(entryCase.CountyCode, token).ConfigureAwait(false);
        if (index.Household(entryCase.HouseholdNumber) is not null)
        {
            return;
        }

        var proposal = await proposals.ReadRequiredAsync(entryCase.CountyCode, entryCase.CaseId, token).ConfigureAwait(false);
        var request = proposal.Request;
        var members = request.Members!
            .Select(m => new Member(m.Name!, ResidentIdNumber.Parse(m.IdNumber!), ChineseTerms.TryParse<Relationship>(m.Relationship, out var r) ? r : Relationship.Other))
            .ToList();
        // The starter refused any other cause; a proposal kept before a term was renamed is 其他.
        var cause = ChineseTerms.TryParse<PovertyCause>(request.Cause, out var parsed) ? parsed : PovertyCause.Other;
        var household = new Household(entryCase.HouseholdNumber, members, cause, PovertyStatus.NotExited, null, MonitoringCategory.None,
            new HouseholdIncome(entryCase.Year, request.PerCapitaNetIncome ?? 0, null), request.ResponsibleCadre!);
        await register.SaveAsync(entryCase.CountyCode, index,
            [new RegisteredHousehold(proposal.TownshipCode, proposal.Township, proposal.VillageCode, proposal.Village, household)], token).ConfigureAwait(false);
    }
}
