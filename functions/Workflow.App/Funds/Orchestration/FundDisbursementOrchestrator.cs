using Microsoft.DurableTask;
using Workflow.Domain.Funds;
using Workflow.App.Durable;

namespace Workflow.App.Funds.Orchestration;

/// <summary>
/// One allocation (资金分配) through its three deadlines: the county's payment to the township finance office, the
/// finance office's to the 经管站 (each a <see cref="DisbursementStepOrchestrator"/>), then the villages' payment
/// requests, which the 经管站 enters one at a time through a link until the money is all requested; each request
/// runs as a step of its own beside the others. Ends when every step is paid.
/// </summary>
public sealed class FundDisbursementOrchestrator : TaskOrchestrator<AllocationInput, int>
{
    public const string Name = "FundDisbursement";

    public override async Task<int> RunAsync(TaskOrchestrationContext context, AllocationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        await context.CheckpointStartAsync();
        await RunStepAsync(context, input.AllocationId, DisbursementStep.CountyStep);
        await RunStepAsync(context, input.AllocationId, DisbursementStep.FinanceStep);

        var sequence = 0;
        var villages = new List<Task>();
        for (var request = 1; ; request++)
        {
            if (!await context.CallActivityAsync<bool>(FundActivities.OpenRequest, new RequestInput(input.AllocationId, request, ++sequence), ActivityRetry.Options))
            {
                break;
            }

            var requested = await context.WaitForEventAsync<VillageRequestDecision>(DisbursementStep.RequestStep(request));
            await context.CallActivityAsync(FundActivities.RecordRequest, new RecordRequestInput(requested, request, ++sequence), ActivityRetry.Options);
            villages.Add(RunStepAsync(context, input.AllocationId, DisbursementStep.VillageStep(request)));
        }

        await Task.WhenAll(villages);
        await context.CallActivityAsync(FundActivities.Complete, new StepInput(input.AllocationId, "complete", ++sequence), ActivityRetry.Options);
        return villages.Count;
    }

    private static Task RunStepAsync(TaskOrchestrationContext context, string allocationId, string step) =>
        context.CallSubOrchestratorAsync(DisbursementStepOrchestrator.Name, new StepRunInput(allocationId, step),
            new SubOrchestrationOptions { InstanceId = FundInstances.Step(allocationId, step) });
}
