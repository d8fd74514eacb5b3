using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Workflow.App.Storage;

namespace Workflow.App.Analytics;

/// <summary>
/// The export's own bookkeeping in <c>pbiExportState</c>: per table and partition the digest of what was last written
/// (the checkpoint: a partition whose digest is recorded is complete), per table the day and fingerprint of its last
/// CSV snapshot and a marker while its export is under way (see <see cref="DeferredSnapshot"/>), the lease that keeps two exports from writing at once, and the
/// last completed run per trigger.
/// </summary>
public sealed class ExportState(TableServiceClient tables)
{
    public const string TableName = "pbiExportState";

    private const string LeasePartition = "lease";
    private const string RunsPartition = "runs";
    private const string SnapshotsPartition = "snapshots";
    private const string UnfinishedPartition = "unfinished";

    private readonly TableClient Table = tables.Table(TableName);

    public async Task InitializeAsync(CancellationToken cancellationToken) =>
        await Table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>The digest recorded for each partition of the table.</summary>
    public async Task<Dictionary<string, string>> ReadPartitionsAsync(string table, CancellationToken cancellationToken)
    {
        var digests = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {PartitionsOf(table)}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            digests[row.GetString("Partition")!] = row.GetString("Digest")!;
        }

        return digests;
    }

    /// <summary>Records a partition as written: called only after all its rows are.</summary>
    public async Task RecordPartitionAsync(string table, string partition, string digest, int rows, DateTimeOffset at, CancellationToken cancellationToken) =>
        await Table.UpsertCheckedAsync(
            new TableEntity(PartitionsOf(table), RowOf(partition)) { ["Partition"] = partition, ["Digest"] = digest, ["Rows"] = rows, ["WrittenAt"] = at },
            TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

    /// <summary>Forgets a partition that is gone; a row forgotten before a crash is no error (the SDK's delete succeeds on a missing row).</summary>
    public async Task ForgetPartitionAsync(string table, string partition, CancellationToken cancellationToken) =>
        await Table.DeleteEntityAsync(PartitionsOf(table), RowOf(partition), ETag.All, cancellationToken).ConfigureAwait(false);

    /// <summary>Takes the export lease for <paramref name="holder"/> until <paramref name="until"/>; false while another holder's is unexpired.</summary>
    public async Task<bool> TryLeaseAsync(string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var current = (await Table.GetEntityIfExistsAsync<TableEntity>(LeasePartition, LeasePartition, cancellationToken: cancellationToken).ConfigureAwait(false)) is { HasValue: true } found
            ? found.Value
            : null;
        var lease = new TableEntity(LeasePartition, LeasePartition) { ["Holder"] = holder, ["Until"] = until };
        try
        {
            if (current is null)
            {
                await Table.AddCheckedAsync(lease, cancellationToken).ConfigureAwait(false);
                return true;
            }

            if (current.GetString("Holder") != holder && current.GetDateTimeOffset("Until") > now)
            {
                return false;
            }

            await Table.UpdateCheckedAsync(lease, current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    public async Task ReleaseLeaseAsync(string holder, CancellationToken cancellationToken)
    {
        var current = await Table.GetEntityIfExistsAsync<TableEntity>(LeasePartition, LeasePartition, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (current.HasValue && current.Value!.GetString("Holder") == holder)
        {
            try
            {
                await Table.DeleteEntityAsync(LeasePartition, LeasePartition, current.Value.ETag, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Expired and taken over (a row already gone is no error to the SDK's delete).
            }
        }
    }

    /// <summary>
    /// Marks the table's export as under way until <see cref="EndTableAsync"/>; true when a marker was already there, i.e.
    /// an earlier export stopped inside this table and may have left rows of partitions it never recorded.
    /// </summary>
    public async Task<bool> BeginTableAsync(string table, CancellationToken cancellationToken)
    {
        var key = TableRules.Key(table, nameof(table));
        var marker = await Table.GetEntityIfExistsAsync<TableEntity>(UnfinishedPartition, key, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!marker.HasValue)
        {
            await Table.UpsertCheckedAsync(new TableEntity(UnfinishedPartition, key), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }

        return marker.HasValue;
    }

    /// <summary>The table's export finished: every partition it wrote is recorded.</summary>
    public async Task EndTableAsync(string table, CancellationToken cancellationToken) =>
        await Table.DeleteEntityAsync(UnfinishedPartition, TableRules.Key(table, nameof(table)), ETag.All, cancellationToken).ConfigureAwait(false);

    /// <summary>The last committed CSV snapshot of the table: its day and its fingerprint (none when it was not known to match the rows).</summary>
    public async Task<(DateOnly Date, string? Fingerprint)?> LastSnapshotAsync(string table, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(SnapshotsPartition, TableRules.Key(table, nameof(table)), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value!.GetString("Date") is { } date
            ? (DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture), row.Value.GetString("Fingerprint"))
            : null;
    }

    /// <summary>Records the snapshot just committed (or kept, or copied); called only after the blob holds it.</summary>
    public async Task RecordSnapshotAsync(string table, DateOnly date, string? fingerprint, CancellationToken cancellationToken) =>
        await Table.UpsertCheckedAsync(
            new TableEntity(SnapshotsPartition, table) { ["Date"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Fingerprint"] = fingerprint },
            TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

    /// <summary>The China date of the last export that completed for the trigger, if any.</summary>
    public async Task<DateOnly?> LastCompletedAsync(string trigger, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(RunsPartition, TableRules.Key(trigger, nameof(trigger)), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value!.GetString("Date") is { } date ? DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
    }

    public async Task RecordCompletedAsync(string trigger, DateOnly date, DateTimeOffset at, CancellationToken cancellationToken) =>
        await Table.UpsertCheckedAsync(
            new TableEntity(RunsPartition, trigger) { ["Date"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["At"] = at },
            TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

    private static string PartitionsOf(string table) => "partitions|" + table;

    // A PartitionKey may hold characters a RowKey may not ('/' never appears in ours, but '|' and digits do): hex keeps it safe.
    private static string RowOf(string partition) => Convert.ToHexStringLower(System.Text.Encoding.UTF8.GetBytes(partition));
}
