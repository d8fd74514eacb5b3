namespace Workflow.App.Analytics;

/// <summary>What starts an export and how far it goes.</summary>
/// <param name="Trigger">daily (the timer) or on-demand (the county endpoint): the last completed run is kept per trigger.</param>
/// <param name="Full">Rewrite every row of every table, whatever the recorded digests say (a full rebuild).</param>
/// <param name="AfterBatch">Called after each table transaction is committed, with the table and the run's count of
/// transactions so far: the seam a test uses to stop an export midway.</param>
public sealed record ExportRequest(string Trigger, bool Full = false, Func<string, int, ValueTask>? AfterBatch = null)
{
    public const string Daily = "daily";
    public const string OnDemand = "on-demand";
}

/// <summary>What an export did to one table.</summary>
/// <param name="Rows">Rows the source produced (the table's size after the export).</param>
/// <param name="RowsWritten">Rows upserted because they are new or changed.</param>
/// <param name="RowsDeleted">Rows removed because their source row is gone.</param>
/// <param name="PartitionsWritten">Partitions whose digest changed and were compared row by row.</param>
/// <param name="PartitionsUnchanged">Partitions skipped: their digest matched the recorded one.</param>
/// <param name="CsvWritten">Whether the day's CSV snapshot was (re)written.</param>
public sealed record TableExport(string Table, int Rows, int RowsWritten, int RowsDeleted, int PartitionsWritten, int PartitionsUnchanged, bool CsvWritten);

/// <summary>What an export did; <see cref="Busy"/> when another export held the lease and this one did nothing.</summary>
public sealed record ExportReport(DateOnly Date, bool Full, bool Busy, IReadOnlyList<TableExport> Tables)
{
    public int RowsWritten => Tables.Sum(t => t.RowsWritten);
}
