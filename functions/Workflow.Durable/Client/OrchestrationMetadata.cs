namespace Workflow.Durable;

/// <summary>
/// An instance as clients and queries see it. The worker keeps this next to the history (atomically) and
/// projects it into the queryable instances index after every step that changes it. <see cref="Revision"/>
/// grows with every committed step, so an index write from a slower worker never replaces a newer one.
/// </summary>
public sealed record OrchestrationMetadata(
    string InstanceId,
    string Name,
    string? Version,
    string ExecutionId,
    OrchestrationRuntimeStatus RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    string? SerializedInput = null,
    string? SerializedOutput = null,
    string? SerializedCustomStatus = null,
    TaskFailureDetails? FailureDetails = null,
    string? ParentInstanceId = null,
    DateTimeOffset? CompletedAt = null,
    long Revision = 0)
{
    public bool IsEnded => RuntimeStatus.IsEnded();

    public T? ReadOutputAs<T>() => DurableJson.Deserialize<T?>(SerializedOutput);

    public T? ReadCustomStatusAs<T>() => DurableJson.Deserialize<T?>(SerializedCustomStatus);

    public T? ReadInputAs<T>() => DurableJson.Deserialize<T?>(SerializedInput);
}
