namespace Workflow.App.Analytics;

/// <summary>
/// Produces one table of the star schema from the operational data. Rows come partition by partition (all rows of a
/// PartitionKey together), so the exporter holds one partition at a time; their keys come from the data, so a rerun
/// produces the same keys.
/// </summary>
public interface IExportSource
{
    ExportTable Table { get; }

    IAsyncEnumerable<ExportRow> ReadAsync(ExportScope scope, CancellationToken cancellationToken);
}
