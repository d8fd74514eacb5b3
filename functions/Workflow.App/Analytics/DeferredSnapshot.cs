using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Blobs;

namespace Workflow.App.Analytics;

/// <summary>
/// One table's CSV snapshot, formatted only once a partition differs from what was last written. Until then the
/// export only hashes rows (it must, for the tables), and the snapshot costs nothing: when no partition differs and
/// none is gone, the table's fingerprint (its header and every partition's digest, in order) equals the one recorded
/// for the last committed snapshot, so that snapshot is already the CSV — kept as it is the same day, copied in
/// storage to the new day's name otherwise. At the first difference the snapshot starts, and the partitions passed
/// so far are read again from the source and written first (their digests compared, so a source that changed in
/// between is never recorded as matching). A full rebuild formats from the start.
/// </summary>
internal sealed class DeferredSnapshot(BlobContainerClient container, DateOnly date, IExportSource source, ExportScope scope) : IAsyncDisposable
{
    private readonly ExportTable _table = source.Table;
    private readonly List<(string Partition, string Digest)> _partitions = [];
    private CsvSnapshot? _csv;
    private bool _rereadDiffered;

    public static async Task<DeferredSnapshot> BeginAsync(
        BlobContainerClient container, DateOnly date, IExportSource source, ExportScope scope, bool eager, CancellationToken cancellationToken)
    {
        var snapshot = new DeferredSnapshot(container, date, source, scope);
        if (eager)
        {
            await snapshot.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        return snapshot;
    }

    /// <summary>Takes a partition's rows (sorted by RowKey) in source order; <paramref name="changed"/> when they differ from what was written.</summary>
    public async Task AddAsync(string partition, string digest, List<ExportRow> rows, bool changed, CancellationToken cancellationToken)
    {
        if (_csv is null && changed)
        {
            await StartAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_csv is not null)
        {
            await _csv.WriteAsync(rows, cancellationToken).ConfigureAwait(false);
        }

        _partitions.Add((partition, digest));
    }

    /// <summary>Brings the day's snapshot to the table's rows; false when the stored one already was.</summary>
    public async Task<bool> FinishAsync(bool partitionsGone, ExportState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var fingerprint = Fingerprint();
        if (_csv is null && !partitionsGone && await state.LastSnapshotAsync(_table.Name, cancellationToken).ConfigureAwait(false) is { } last && last.Fingerprint == fingerprint)
        {
            if (last.Date == date && await CsvSnapshot.HoldsAsync(container, date, _table, fingerprint, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            if (last.Date != date && await CsvSnapshot.CopyAsync(container, last.Date, date, _table, fingerprint, cancellationToken).ConfigureAwait(false))
            {
                await state.RecordSnapshotAsync(_table.Name, date, fingerprint, cancellationToken).ConfigureAwait(false);
                return true;
            }
        }

        if (_csv is null)
        {
            await StartAsync(cancellationToken).ConfigureAwait(false);
        }

        // A snapshot whose rows were read twice and differed is written, but with no fingerprint: the next export writes it again.
        var kept = _rereadDiffered ? null : fingerprint;
        var written = await _csv!.CommitAsync(kept, cancellationToken).ConfigureAwait(false);
        await state.RecordSnapshotAsync(_table.Name, date, kept, cancellationToken).ConfigureAwait(false);
        return written;
    }

    public async ValueTask DisposeAsync()
    {
        if (_csv is not null)
        {
            await _csv.DisposeAsync().ConfigureAwait(false);
        }
    }

    // Starts the CSV and writes into it the partitions taken so far, read again from the source.
    private async Task StartAsync(CancellationToken cancellationToken)
    {
        _csv = await CsvSnapshot.BeginAsync(container, date, _table, cancellationToken).ConfigureAwait(false);
        if (_partitions.Count == 0)
        {
            return;
        }

        var index = 0;
        string? current = null;
        var buffer = new List<ExportRow>();
        await foreach (var row in source.ReadAsync(scope, cancellationToken).ConfigureAwait(false))
        {
            if (current is not null && row.PartitionKey != current)
            {
                await WriteAgainAsync(current, buffer, index++, cancellationToken).ConfigureAwait(false);
                buffer = [];
                if (index == _partitions.Count)
                {
                    break;
                }
            }

            current = row.PartitionKey;
            buffer.Add(row);
        }

        if (index < _partitions.Count && current is not null)
        {
            await WriteAgainAsync(current, buffer, index++, cancellationToken).ConfigureAwait(false);
        }

        if (index != _partitions.Count)
        {
            throw new InvalidOperationException($"{_table.Name}: the source's partitions changed while the export ran; the next export writes the snapshot.");
        }
    }

    private async Task WriteAgainAsync(string partition, List<ExportRow> rows, int index, CancellationToken cancellationToken)
    {
        if (_partitions[index].Partition != partition)
        {
            throw new InvalidOperationException($"{_table.Name}: the source's partitions changed while the export ran; the next export writes the snapshot.");
        }

        rows.Sort(ExportRows.ByRowKey);
        _rereadDiffered |= ExportRows.Digest(rows, ExportRows.Check(_table, rows)) != _partitions[index].Digest;
        await _csv!.WriteAsync(rows, cancellationToken).ConfigureAwait(false);
    }

    private string Fingerprint()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var column in _table.Columns)
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{column.Name}:{column.Type}:{column.Nullable}\u001f"));
        }

        foreach (var (partition, digest) in _partitions)
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"\u001e{partition}\u001f{digest}"));
        }

        return Convert.ToBase64String(hash.GetHashAndReset());
    }
}
