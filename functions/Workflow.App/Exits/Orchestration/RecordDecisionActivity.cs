using Microsoft.DurableTask;
using Workflow.App.Audit;

namespace Workflow.App.Exits.Orchestration;

/// <summary>Puts a decision into the audit log and the case history, once however often it runs.</summary>
public sealed class RecordDecisionActivity(ExitCaseStore cases, AuditLog audit) : TaskActivity<DecisionInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, DecisionInput input)
    {
        var token = CancellationToken.None;
        var d = input.Decision;
        var verdict = d.Approved ? "同意" : "不同意";
        await audit.AppendOnceAsync(new AuditEntry(d.CaseId, d.Step, d.Approved ? "approve" : "reject", d.Actor, d.Role, d.Comment,
            d.DecidedAt, d.LinkId, d.ClientIp, d.UserAgent), $"decision-{d.Step}", token).ConfigureAwait(false);
        await cases.AppendTimelineAsync(d.CaseId, new TimelineEntry(input.Sequence, d.DecidedAt, TimelineKinds.Decided, d.Step,
            string.IsNullOrWhiteSpace(d.Comment) ? $"“{input.StepName}”：{verdict}。" : $"“{input.StepName}”：{verdict}。意见：{d.Comment}", d.Actor), token).ConfigureAwait(false);
        return true;
    }
}
