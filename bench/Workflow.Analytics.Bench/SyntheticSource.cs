using Workflow.App.Analytics;

namespace Workflow.Analytics.Bench;

/// <summary>An export source over generated rows (none for the tables the benchmark does not fill), as the exporter reads any source.</summary>
internal sealed class SyntheticSource(ExportTable table, Func<IEnumerable<ExportRow>> rows) : IExportSource
{
    public ExportTable Table { get; } = table;

    public IAsyncEnumerable<ExportRow> ReadAsync(ExportScope scope, CancellationToken cancellationToken) => rows().ToAsyncEnumerable();

    /// <summary>A source for every table of the schema: the two generated ones, the others empty.</summary>
    public static IReadOnlyList<IExportSource> Schema(IReadOnlyDictionary<string, Func<IEnumerable<ExportRow>>> generated) =>
        AnalyticsSchema.Tables.Select(t => new SyntheticSource(t, generated.TryGetValue(t.Name, out var rows) ? rows : () => [])).ToList();
}
