using Microsoft.DurableTask;

namespace Workflow.App.Funds.Orchestration;

/// <summary>Every step is paid: the allocation is done (拨付完毕).</summary>
public sealed class CompleteActivity(FundStore funds) : TaskActivity<StepInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, StepInput input)
    {
        await funds.UpdateAsync(input.AllocationId, input.Sequence, r => r with { OpenRequest = null, Completed = true }, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
