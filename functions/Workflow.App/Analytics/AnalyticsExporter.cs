using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Workflow.Domain.Calendar;
using Workflow.Domain.Register;
using Workflow.App.Register;
using Workflow.App.Storage;

namespace Workflow.App.Analytics;

/// <summary>
/// Writes the star schema to the <c>pbi…</c> tables and the day's CSV snapshots. Incremental by row hashes, not by
/// watermarks (the register, cases and audit carry no reliable change time): each partition's digest (over its rows'
/// hashes) is compared with the digest recorded when it was last written, and only a partition that differs is read
/// back (its rows' RowHash only) and rewritten row by row where the hash differs; rows whose source is gone are
/// deleted. The recorded digest is the checkpoint: it is written after the partition's rows, so a run stopped midway
/// is resumed by the next one, which skips the finished partitions and rewrites only what is still different. RowKeys
/// come from the data, so nothing is ever added twice. A lease keeps two exports from writing at the same time. The
/// day's CSV snapshot is formatted only from the first changed partition on (<see cref="DeferredSnapshot"/>): a table
/// with no change keeps, or copies in storage, the snapshot its fingerprint was last written for.
/// </summary>
public sealed class AnalyticsExporter(
    IEnumerable<IExportSource> sources,
    TableServiceClient tableService,
    BlobServiceClient blobService,
    ExportState state,
    CountyDirectory directory,
    HouseholdPseudonyms pseudonyms,
    ExitHistoryReader histories,
    TimeProvider time,
    ILogger<AnalyticsExporter> logger)
{
    public const string ContainerName = "exports";

    /// <summary>How long an export may hold the lease without renewing it; a crashed export's lease lapses after this.</summary>
    public static readonly TimeSpan LeaseTime = TimeSpan.FromMinutes(10);

    private const int TransactionSize = 100;
    private const int ConcurrentPartitions = 4;

    private readonly List<IExportSource> _sources = Ordered(sources);
    private readonly ExportState _state = state;

    // The tables and the container are created by the first export of this process, not by every one (16 requests each).
    private volatile bool _storageReady;
    private readonly TimeProvider _time = time;

    public BlobContainerClient Container => blobService.Container(ContainerName);

    public TableClient TableOf(ExportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return tableService.Table(table.TableName);
    }

    /// <summary>Creates the tables and the container; idempotent.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _state.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await Container.EnsureExistsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var table in AnalyticsSchema.Tables)
        {
            await TableOf(table).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<ExportReport> ExportAsync(ExportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_storageReady)
        {
            await InitializeAsync(cancellationToken).ConfigureAwait(false);
            _storageReady = true;
        }

        var now = _time.GetUtcNow();
        var date = ShanghaiTime.DateOf(now);
        var holder = Guid.NewGuid().ToString("N");
        if (!await _state.TryLeaseAsync(holder, now, now + LeaseTime, cancellationToken).ConfigureAwait(false))
        {
            return new ExportReport(date, request.Full, Busy: true, []);
        }

        try
        {
            var counties = new List<County>();
            foreach (var registered in await directory.ListAsync(cancellationToken).ConfigureAwait(false))
            {
                if (await directory.FindPlacesAsync(registered.Code, cancellationToken).ConfigureAwait(false) is { } places)
                {
                    counties.Add(places);
                }
            }

            var scope = new ExportScope(counties, now, pseudonyms, histories);
            var run = new Run(this, request, scope, date, holder);
            var tables = new List<TableExport>();
            foreach (var source in _sources)
            {
                tables.Add(await run.ExportAsync(source, cancellationToken).ConfigureAwait(false));
            }

            await _state.RecordCompletedAsync(request.Trigger, date, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Analytics export ({Trigger}, full: {Full}) wrote {Rows} rows", request.Trigger, request.Full, tables.Sum(t => t.RowsWritten));
            return new ExportReport(date, request.Full, Busy: false, tables);
        }
        finally
        {
            await _state.ReleaseLeaseAsync(holder, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static List<IExportSource> Ordered(IEnumerable<IExportSource> sources)
    {
        var byName = sources.ToDictionary(s => s.Table.Name, StringComparer.Ordinal);
        var missing = AnalyticsSchema.Tables.Where(t => !byName.ContainsKey(t.Name)).Select(t => t.Name).ToList();
        var extra = byName.Keys.Where(n => AnalyticsSchema.Find(n) is null).ToList();
        if (missing.Count + extra.Count > 0)
        {
            throw new InvalidOperationException(
                $"The export sources do not match the schema: no source for [{string.Join(", ", missing)}], not in the schema [{string.Join(", ", extra)}].");
        }

        return AnalyticsSchema.Tables.Select(t => byName[t.Name]).ToList();
    }

    /// <summary>One export run: its request, its lease, and the transaction count the fault seam sees.</summary>
    private sealed class Run(AnalyticsExporter exporter, ExportRequest request, ExportScope scope, DateOnly date, string holder)
    {
        private int _transactions;
        private DateTimeOffset _leaseRenewedAt = scope.Now;

        public async Task<TableExport> ExportAsync(IExportSource source, CancellationToken cancellationToken)
        {
            var table = source.Table;
            var client = exporter.TableOf(table);
            var recorded = await exporter._state.ReadPartitionsAsync(table.Name, cancellationToken).ConfigureAwait(false);
            var interrupted = await exporter._state.BeginTableAsync(table.Name, cancellationToken).ConfigureAwait(false);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var counts = new Counts();
            var writes = new List<Task>();
            await using var csv = await DeferredSnapshot.BeginAsync(exporter.Container, date, source, scope, eager: request.Full, cancellationToken).ConfigureAwait(false);

            async Task FlushAsync(string partition, List<ExportRow> rows)
            {
                if (!seen.Add(partition))
                {
                    throw new InvalidOperationException($"{table.Name}: the source produced partition '{partition}' in two places; a partition's rows must come together.");
                }

                rows.Sort(ExportRows.ByRowKey);
                var hashes = ExportRows.Check(table, rows);
                counts.Rows += rows.Count;
                var digest = ExportRows.Digest(rows, hashes);
                var unchanged = !request.Full && recorded.TryGetValue(partition, out var last) && last == digest;
                await csv.AddAsync(partition, digest, rows, changed: !unchanged, cancellationToken).ConfigureAwait(false);
                if (unchanged)
                {
                    counts.PartitionsUnchanged++;
                    return;
                }

                while (writes.Count >= ConcurrentPartitions)
                {
                    var done = await Task.WhenAny(writes).ConfigureAwait(false);
                    writes.Remove(done);
                    await done.ConfigureAwait(false);
                }

                // A partition never recorded, of a table whose every export finished, has no row in storage to compare or delete.
                var mayHoldRows = interrupted || recorded.ContainsKey(partition);
                writes.Add(WritePartitionAsync(client, table, partition, rows, hashes, digest, mayHoldRows, counts, cancellationToken));
            }

            try
            {
                await ReadAllAsync(source, FlushAsync, cancellationToken).ConfigureAwait(false);
                await Task.WhenAll(writes).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Writes still running would outlive this run and its lease: let them finish (or fail) first.
                await Task.WhenAll(writes.Select(w => w.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default))).ConfigureAwait(false);
                throw;
            }

            var gone = recorded.Keys.Where(p => !seen.Contains(p)).ToList();
            foreach (var partition in gone)
            {
                await WritePartitionAsync(client, table, partition, [], [], digest: null, mayHoldRows: true, counts, cancellationToken).ConfigureAwait(false);
            }

            var csvWritten = await csv.FinishAsync(partitionsGone: gone.Count > 0, exporter._state, cancellationToken).ConfigureAwait(false);
            await exporter._state.EndTableAsync(table.Name, cancellationToken).ConfigureAwait(false);
            return new TableExport(table.Name, counts.Rows, counts.RowsWritten, counts.RowsDeleted, counts.PartitionsWritten, counts.PartitionsUnchanged, csvWritten);
        }

        /// <summary>Hands the source's rows to <paramref name="flush"/> a partition at a time.</summary>
        private async Task ReadAllAsync(IExportSource source, Func<string, List<ExportRow>, Task> flush, CancellationToken cancellationToken)
        {
            string? current = null;
            var buffer = new List<ExportRow>();
            await foreach (var row in source.ReadAsync(scope, cancellationToken).ConfigureAwait(false))
            {
                if (current is not null && row.PartitionKey != current)
                {
                    await flush(current, buffer).ConfigureAwait(false);
                    buffer = [];
                }

                current = row.PartitionKey;
                buffer.Add(row);
            }

            if (current is not null)
            {
                await flush(current, buffer).ConfigureAwait(false);
            }
        }

        /// <summary>Brings one partition to the given rows, then records its digest (or forgets it when it is gone).</summary>
        private async Task WritePartitionAsync(
            TableClient client, ExportTable table, string partition, List<ExportRow> rows, string[] hashes, string? digest, bool mayHoldRows, Counts counts,
            CancellationToken cancellationToken)
        {
            var stored = new Dictionary<string, string?>(StringComparer.Ordinal);
            if (mayHoldRows)
            {
                // The SDK returns only the selected properties: the RowKey is named too.
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
                await foreach (var existing in client.QueryAsync<TableEntity>(filter, select: ["RowKey", ExportTable.RowHashProperty], cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    stored[existing.RowKey] = existing.GetString(ExportTable.RowHashProperty);
                }
            }

            var actions = new List<TableTransactionAction>();
            for (var i = 0; i < rows.Count; i++)
            {
                if (request.Full || !stored.TryGetValue(rows[i].RowKey, out var hash) || hash != hashes[i])
                {
                    actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, Entity(table, rows[i], hashes[i])));
                }

                stored.Remove(rows[i].RowKey);
            }

            var upserts = actions.Count;
            actions.AddRange(stored.Keys.Select(rowKey => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, rowKey))));
            foreach (var chunk in actions.Chunk(TransactionSize))
            {
                await client.SubmitCheckedAsync(chunk, cancellationToken).ConfigureAwait(false);
                var transactions = Interlocked.Increment(ref _transactions);
                if (request.AfterBatch is { } afterBatch)
                {
                    await afterBatch(table.Name, transactions).ConfigureAwait(false);
                }
            }

            if (digest is null)
            {
                await exporter._state.ForgetPartitionAsync(table.Name, partition, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await exporter._state.RecordPartitionAsync(table.Name, partition, digest, rows.Count, exporter._time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }

            counts.Add(upserts, actions.Count - upserts);
            await RenewLeaseAsync(cancellationToken).ConfigureAwait(false);
        }

        private async Task RenewLeaseAsync(CancellationToken cancellationToken)
        {
            var now = exporter._time.GetUtcNow();
            if (now - _leaseRenewedAt < LeaseTime / 2)
            {
                return;
            }

            _leaseRenewedAt = now;
            if (!await exporter._state.TryLeaseAsync(holder, now, now + LeaseTime, cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException("The export lease was taken over by another export; this one stops.");
            }
        }

        private static TableEntity Entity(ExportTable table, ExportRow row, string hash)
        {
            var entity = new TableEntity(row.PartitionKey, row.RowKey) { [ExportTable.RowHashProperty] = hash };
            for (var i = 0; i < table.Columns.Count; i++)
            {
                if (row.Values[i] is { } value)
                {
                    entity[table.Columns[i].Name] = ExportValues.TableValue(table.Columns[i].Type, value);
                }
            }

            return entity;
        }
    }

    private sealed class Counts
    {
        private int _rowsWritten;
        private int _rowsDeleted;
        private int _partitionsWritten;

        public int Rows { get; set; }

        public int PartitionsUnchanged { get; set; }

        public int RowsWritten => _rowsWritten;

        public int RowsDeleted => _rowsDeleted;

        public int PartitionsWritten => _partitionsWritten;

        public void Add(int written, int deleted)
        {
            Interlocked.Add(ref _rowsWritten, written);
            Interlocked.Add(ref _rowsDeleted, deleted);
            Interlocked.Increment(ref _partitionsWritten);
        }
    }
}
