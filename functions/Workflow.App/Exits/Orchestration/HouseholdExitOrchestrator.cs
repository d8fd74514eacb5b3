using Microsoft.DurableTask;
using Workflow.App.Durable;
using Workflow.Domain.Exits;

namespace Workflow.App.Exits.Orchestration;

/// <summary>
/// One household's exit (脱贫退出), step by step in the procedure's order (<see cref="CaseProcedureRun"/>), ending in
/// 销号 (<see cref="DeregisterActivity"/>).
/// </summary>
public sealed class HouseholdExitOrchestrator : TaskOrchestrator<ExitCaseInput, ExitCaseResult>
{
    public const string Name = "HouseholdExit";

    private static readonly CaseFinalStep Deregistration =
        new(ExitProcedure.Deregistration, "销号", ExitActivities.Deregister, "审定退出，已销号（脱贫不脱政策）。");

    public override async Task<ExitCaseResult> RunAsync(TaskOrchestrationContext context, ExitCaseInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        await context.CheckpointStartAsync();
        return await new CaseProcedureRun(context, input, Deregistration).RunAsync();
    }
}
