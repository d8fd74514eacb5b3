namespace Workflow.App.Analytics;

/// <summary>Whether a table is a dimension (what is analysed by) or a fact (what is counted and measured).</summary>
public enum ExportTableKind
{
    Dimension,
    Fact,
}

/// <summary>
/// One table of the star schema: its name (the OData entity set, the CSV file, and with the <c>pbi</c> prefix the
/// Azure table), its grain, what its PartitionKey is, and its columns. The first column is the key, unique in the table.
/// </summary>
public sealed record ExportTable(string Name, ExportTableKind Kind, string Grain, string PartitionKey, IReadOnlyList<ExportColumn> Columns)
{
    public const string TablePrefix = "pbi";

    /// <summary>The technical property on each table row that incremental export compares; not part of the analysed data.</summary>
    public const string RowHashProperty = "RowHash";

    public string TableName => TablePrefix + Name;

    public ExportColumn Key => Columns[0];

    public ExportColumn? Find(string name) => Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));

    public int IndexOf(string name)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
