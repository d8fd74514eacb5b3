using System.Text.Json;
using Workflow.Storage.Tables;

namespace Workflow.Durable;

/// <summary>
/// An instance in the instances table: one row per instance (PartitionKey = instance id) with typed columns,
/// so it can be queried by name, status and dates and read by Power BI as it is.
/// </summary>
internal static class InstanceRow
{
    public const string RowKey = "instance";

    // Table string properties hold 32K UTF-16 characters; larger text goes to a blob.
    public const int MaxInlineBytes = 30_000;

    public static async Task<TableEntity> ToEntityAsync(OrchestrationMetadata instance, LargePayloads payloads, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(instance.InstanceId, RowKey)
        {
            ["Name"] = instance.Name,
            ["ExecutionId"] = instance.ExecutionId,
            ["RuntimeStatus"] = instance.RuntimeStatus.ToString(),
            ["CreatedAt"] = instance.CreatedAt,
            ["LastUpdatedAt"] = instance.LastUpdatedAt,
            ["Revision"] = instance.Revision,
        };
        SetIfNotNull(entity, "Version", instance.Version);
        SetIfNotNull(entity, "ParentInstanceId", instance.ParentInstanceId);
        if (instance.CompletedAt is { } completed)
        {
            entity["CompletedAt"] = completed;
        }

        var prefix = $"instances/{instance.InstanceId}";
        SetIfNotNull(entity, "Input", instance.SerializedInput is null ? null : await payloads.StoreAsync(instance.SerializedInput, MaxInlineBytes, prefix, cancellationToken).ConfigureAwait(false));
        SetIfNotNull(entity, "Output", instance.SerializedOutput is null ? null : await payloads.StoreAsync(instance.SerializedOutput, MaxInlineBytes, prefix, cancellationToken).ConfigureAwait(false));
        SetIfNotNull(entity, "CustomStatus", instance.SerializedCustomStatus is null ? null : await payloads.StoreAsync(instance.SerializedCustomStatus, MaxInlineBytes, prefix, cancellationToken).ConfigureAwait(false));
        SetIfNotNull(entity, "Failure", instance.FailureDetails is null ? null : await payloads.StoreAsync(JsonSerializer.Serialize(instance.FailureDetails, DurableJson.Options), MaxInlineBytes, prefix, cancellationToken).ConfigureAwait(false));
        return entity;
    }

    public static async Task<OrchestrationMetadata> FromEntityAsync(TableEntity entity, LargePayloads payloads, CancellationToken cancellationToken)
    {
        async Task<string?> Text(string name) =>
            entity.GetString(name) is { } stored ? await payloads.LoadAsync(stored, cancellationToken).ConfigureAwait(false) : null;

        var failure = await Text("Failure").ConfigureAwait(false);
        return new OrchestrationMetadata(
            entity.PartitionKey,
            entity.GetString("Name")!,
            entity.GetString("Version"),
            entity.GetString("ExecutionId")!,
            Enum.Parse<OrchestrationRuntimeStatus>(entity.GetString("RuntimeStatus")!),
            entity.GetDateTimeOffset("CreatedAt")!.Value,
            entity.GetDateTimeOffset("LastUpdatedAt")!.Value,
            await Text("Input").ConfigureAwait(false),
            await Text("Output").ConfigureAwait(false),
            await Text("CustomStatus").ConfigureAwait(false),
            failure is null ? null : JsonSerializer.Deserialize<TaskFailureDetails>(failure, DurableJson.Options),
            entity.GetString("ParentInstanceId"),
            entity.GetDateTimeOffset("CompletedAt"),
            entity.GetInt64("Revision") ?? 0);
    }

    private static void SetIfNotNull(TableEntity entity, string name, string? value)
    {
        if (value is not null)
        {
            entity[name] = value;
        }
    }
}
