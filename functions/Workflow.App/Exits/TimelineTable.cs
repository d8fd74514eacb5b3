using System.Globalization;
using Azure.Data.Tables;
using Workflow.App.Storage;

namespace Workflow.App.Exits;

/// <summary>
/// The <see cref="TimelineEntry"/> lines of subjects (exit cases, rectification items) in one table: PartitionKey the
/// subject, RowKey the orchestration's sequence number, so a replayed activity's line replaces itself and a subject's
/// history reads in order from one partition.
/// </summary>
internal sealed class TimelineTable(TableClient table)
{
    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken) => table.CreateIfNotExistsAsync(cancellationToken);

    public async Task AppendAsync(string subject, TimelineEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var row = new TableEntity(TableRules.Key(subject, nameof(subject)), entry.Sequence.ToString("D6", CultureInfo.InvariantCulture))
        {
            ["At"] = entry.At,
            ["Kind"] = entry.Kind,
            ["Text"] = entry.Text,
        };
        if (entry.Step is not null)
        {
            row["Step"] = entry.Step;
        }

        if (entry.Actor is not null)
        {
            row["Actor"] = entry.Actor;
        }

        await table.UpsertCheckedAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<TimelineEntry>> ReadAsync(string subject, CancellationToken cancellationToken)
    {
        var entries = new List<TimelineEntry>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {subject}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new TimelineEntry(int.Parse(row.RowKey, CultureInfo.InvariantCulture), row.GetDateTimeOffset("At")!.Value,
                row.GetString("Kind")!, row.GetString("Step"), row.GetString("Text")!, row.GetString("Actor")));
        }

        return entries;
    }
}
