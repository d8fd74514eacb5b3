using Microsoft.DurableTask;
using Workflow.App.Durable;
using Workflow.App.Exits.Orchestration;
using Workflow.Domain.Exits;

namespace Workflow.App.Entries.Orchestration;

/// <summary>
/// One household's entry (新识别 or 返贫) step by step on the entry procedure (<see cref="CaseProcedureRun"/>), ending in
/// 挂号 (<see cref="RegisterActivity"/>). Seed 000: "实施动态管理，脱贫销号，返贫挂号，做到退出有标准、纳入有程序".
/// </summary>
public sealed class HouseholdEntryOrchestrator : TaskOrchestrator<ExitCaseInput, ExitCaseResult>
{
    public const string Name = "HouseholdEntry";

    private static readonly CaseFinalStep Registration =
        new(ExitProcedure.Registration, "挂号", EntryActivities.Register, "审定纳入，已挂号（户状态为未脱贫）。");

    public override async Task<ExitCaseResult> RunAsync(TaskOrchestrationContext context, ExitCaseInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        await context.CheckpointStartAsync();
        return await new CaseProcedureRun(context, input, Registration).RunAsync();
    }
}
