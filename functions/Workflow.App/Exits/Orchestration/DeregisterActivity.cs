using Workflow.Domain.Calendar;
using Workflow.Domain.Exits;
using Microsoft.DurableTask;
using Workflow.App.Register;

namespace Workflow.App.Exits.Orchestration;

/// <summary>销号: the household becomes 已脱贫享受政策 on the register, with the exit date and the case that decided it.</summary>
public sealed class DeregisterActivity(ExitCaseStore cases, RegisterStore register, TimeProvider time) : TaskActivity<CloseInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, CloseInput input)
    {
        var token = CancellationToken.None;
        var at = time.GetUtcNow();
        var exitCase = (await cases.ReadRequiredAsync(input.CaseId, token).ConfigureAwait(false)).Case;
        var exitDate = ShanghaiTime.DateOf(at);
        await register.RecordExitAsync(exitCase.CountyCode, exitCase.HouseholdNumber, new ExitRecord(input.CaseId, exitDate, null), token).ConfigureAwait(false);
        await cases.AppendTimelineAsync(input.CaseId, new TimelineEntry(input.Sequence, at, TimelineKinds.Deregistered, ExitProcedure.Deregistration,
            $"已销号：户状态改为“已脱贫享受政策”，退出日期 {exitDate:yyyy-MM-dd}。"), token).ConfigureAwait(false);
        return true;
    }
}
