using System.Threading.Channels;

namespace Workflow.Durable.Bench;

/// <summary>
/// The benchmarked orchestration: a chain of five activities, each adding one to the running total, then a
/// wait for an "Approved" event whose value is added last. The fifth activity asks for the approval: it
/// hands the instance id to the approver, which raises the event through the client, as a person answering
/// a request would. Per instance: 7 orchestration steps (start, five activity results, the event; 6 when the
/// event arrives in one batch with the last result) and 5 activity executions.
/// </summary>
internal sealed class ChainWorkload
{
    public const string Orchestration = "Chain";
    public const int Activities = 5;
    public const int Approval = 100;

    private readonly Channel<string> _approvalRequests = Channel.CreateUnbounded<string>();

    public DurableTaskRegistry Registry { get; }

    public ChainWorkload()
    {
        Registry = new DurableTaskRegistry()
            .AddOrchestrator<int, int>(Orchestration, async (context, input) =>
            {
                var total = input;
                for (var i = 1; i < Activities; i++)
                {
                    total = await context.CallActivityAsync<int>("Increment", total);
                }

                total = await context.CallActivityAsync<int>("RequestApproval", total);
                return total + await context.WaitForExternalEvent<int>("Approved");
            })
            .AddActivity<int, int>("Increment", (_, value) => Task.FromResult(value + 1))
            .AddActivity<int, int>("RequestApproval", async (context, value) =>
            {
                await _approvalRequests.Writer.WriteAsync(context.InstanceId, context.CancellationToken);
                return value + 1;
            });
    }

    /// <summary>
    /// Reads each instance and its history: how many completed with the right output, and how many
    /// orchestration steps (OrchestratorStarted events) and activity executions (TaskCompleted events) they took.
    /// </summary>
    public static async Task<ChainTally> TallyAsync(DurableTaskClient client, IEnumerable<string> instanceIds, int parallelism)
    {
        var tally = new ChainTally();
        await Parallel.ForEachAsync(instanceIds, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (id, cancellationToken) =>
        {
            var instance = await client.GetInstanceAsync(id, cancellationToken);
            var history = await client.GetHistoryAsync(id, cancellationToken);
            var correct = instance is { RuntimeStatus: OrchestrationRuntimeStatus.Completed } &&
                          instance.ReadOutputAs<int>() == instance.ReadInputAs<int>() + Activities + Approval;
            tally.Add(correct, history.Count(e => e is OrchestratorStarted), history.Count(e => e is TaskCompleted));
        });
        return tally;
    }

    /// <summary>Raises "Approved" for every instance that asks, until stopped.</summary>
    public async Task ApproveAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var instanceId in _approvalRequests.Reader.ReadAllAsync(cancellationToken))
            {
                await client.RaiseEventAsync(instanceId, "Approved", Approval, cancellationToken: cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }
}
