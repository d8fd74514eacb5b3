using Azure.Data.Tables;
using Workflow.App.Storage;

namespace Workflow.App.Audit;

/// <summary>
/// An append-only record per subject (case, rectification item, campaign): entries are only ever inserted,
/// under a key that orders them by time, never updated or deleted by the application.
/// </summary>
public sealed class AuditLog(TableServiceClient tables)
{
    private const string TableName = "audit";

    private readonly TableClient Table = tables.Table(TableName);

    public async Task InitializeAsync(CancellationToken cancellationToken) =>
        await Table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);

    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken) =>
        InsertAsync(entry, $"{entry.At.UtcTicks:D19}-{Guid.NewGuid():N}", cancellationToken);

    /// <summary>
    /// Appends an entry that a retried caller may append again (an activity runs at least once): the entry key
    /// names it, and a second append with the same key and time keeps the first.
    /// </summary>
    public async Task AppendOnceAsync(AuditEntry entry, string entryKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        try
        {
            await InsertAsync(entry, $"{entry.At.UtcTicks:D19}-{TableRules.Key(entryKey, nameof(entryKey))}", cancellationToken).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 409)
        {
            // Appended before: append-only means the first one stands.
        }
    }

    private async Task InsertAsync(AuditEntry entry, string rowKey, CancellationToken cancellationToken)
    {
        var row = new TableEntity(entry.Subject, rowKey)
        {
            ["Step"] = entry.Step,
            ["Action"] = entry.Action,
            ["Actor"] = entry.Actor,
            ["Role"] = entry.Role,
            ["At"] = entry.At,
        };
        Optional(row, "Comment", entry.Comment);
        Optional(row, "LinkId", entry.LinkId);
        Optional(row, "ClientIp", entry.ClientIp);
        Optional(row, "UserAgent", entry.UserAgent is { Length: > 512 } agent ? agent[..512] : entry.UserAgent);
        await Table.AddCheckedAsync(row, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The subject's entries, oldest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(string subject, CancellationToken cancellationToken)
    {
        var entries = new List<AuditEntry>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {subject}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new AuditEntry(subject, row.GetString("Step")!, row.GetString("Action")!, row.GetString("Actor")!, row.GetString("Role")!,
                row.GetString("Comment"), row.GetDateTimeOffset("At")!.Value, row.GetString("LinkId"), row.GetString("ClientIp"), row.GetString("UserAgent")));
        }

        return entries;
    }

    private static void Optional(TableEntity row, string name, string? value)
    {
        if (value is not null)
        {
            row[name] = value;
        }
    }
}
