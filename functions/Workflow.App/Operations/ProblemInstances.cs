using Microsoft.DurableTask.Client;

namespace Workflow.App.Operations;

/// <summary>An orchestration that needs the office: why, and what the engine says went wrong.</summary>
public sealed record ProblemInstance(string InstanceId, string Name, OrchestrationRuntimeStatus Status, DateTimeOffset LastUpdatedAt, string Problem, string? Error);

/// <summary>
/// The orchestrations that need a person. DTFx has no quarantine: a failing activity is retried by its policy and then
/// fails the instance (<c>Failed</c>, with the error); a start whose message cannot be processed keeps the instance
/// <c>Pending</c>. So both are listed: every failed instance, and every instance still pending after
/// <see cref="PendingTooLong"/> (a healthy start runs within seconds).
/// </summary>
public sealed class ProblemInstances(DurableTaskClient client, TimeProvider time)
{
    public static readonly TimeSpan PendingTooLong = TimeSpan.FromMinutes(5);

    public async Task<IReadOnlyList<ProblemInstance>> ListAsync(CancellationToken cancellationToken)
    {
        var found = new List<ProblemInstance>();
        // With outputs: the Azure Storage provider keeps a failure's type and message there.
        var query = new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Pending], PageSize = 100, FetchInputsAndOutputs = true };
        var stale = time.GetUtcNow() - PendingTooLong;
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed)
            {
                found.Add(new ProblemInstance(instance.InstanceId, instance.Name, instance.RuntimeStatus, instance.LastUpdatedAt, "运行失败",
                    instance.FailureDetails is { } failure ? $"{failure.ErrorType}: {failure.ErrorMessage}" : null));
            }
            else if (instance.LastUpdatedAt < stale)
            {
                found.Add(new ProblemInstance(instance.InstanceId, instance.Name, instance.RuntimeStatus, instance.LastUpdatedAt, "长时间未启动", null));
            }
        }

        return found.OrderByDescending(p => p.LastUpdatedAt).ToList();
    }
}
