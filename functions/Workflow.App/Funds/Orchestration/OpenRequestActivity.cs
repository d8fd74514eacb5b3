using Microsoft.DurableTask;
using Workflow.Domain.Funds;

namespace Workflow.App.Funds.Orchestration;

/// <summary>
/// While money the 经管站 received is not yet requested by villages, opens the next request link (request-n) and sends
/// it; false when all of it is requested (the allocation then waits only for its village payments).
/// </summary>
public sealed class OpenRequestActivity(FundStore funds, FundRequests requests, TimeProvider time) : TaskActivity<RequestInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, RequestInput input)
    {
        var token = CancellationToken.None;
        var left = await FundBalance.LeftToRequestAsync(funds, input.AllocationId, token).ConfigureAwait(false);
        var step = left > 0 ? DisbursementStep.RequestStep(input.Request) : null;
        var record = await funds.UpdateAsync(input.AllocationId, input.Sequence, r => r with { OpenRequest = step }, token).ConfigureAwait(false);
        if (step is not null)
        {
            await requests.AskForRequestAsync(record.Allocation, step, left, input.Sequence, time.GetUtcNow(), token).ConfigureAwait(false);
        }

        return step is not null;
    }
}
