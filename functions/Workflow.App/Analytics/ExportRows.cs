using System.Security.Cryptography;
using System.Text;

namespace Workflow.App.Analytics;

/// <summary>What the exporter checks and hashes of one partition's rows: shared by the table writes and the snapshot's second read.</summary>
internal static class ExportRows
{
    public static readonly Comparison<ExportRow> ByRowKey = (a, b) => string.CompareOrdinal(a.RowKey, b.RowKey);

    /// <summary>Refuses rows that do not fit the schema (a source bug) before anything of the partition is written; returns their hashes.</summary>
    public static string[] Check(ExportTable table, List<ExportRow> rows)
    {
        var hashes = new string[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            if (r > 0 && rows[r - 1].RowKey == row.RowKey)
            {
                throw new InvalidOperationException($"{table.Name}: RowKey '{row.RowKey}' appears twice in partition '{row.PartitionKey}'.");
            }

            if (row.Values.Count != table.Columns.Count)
            {
                throw new InvalidOperationException($"{table.Name}: a row has {row.Values.Count} values for {table.Columns.Count} columns.");
            }

            for (var i = 0; i < table.Columns.Count; i++)
            {
                var column = table.Columns[i];
                if (row.Values[i] is null ? !column.Nullable : !ExportValues.Fits(column.Type, row.Values[i]!))
                {
                    throw new InvalidOperationException($"{table.Name}.{column.Name}: {row.Values[i]?.GetType().Name ?? "null"} does not fit {column.Type}{(column.Nullable ? "?" : string.Empty)}.");
                }
            }

            hashes[r] = row.Hash(table);
        }

        return hashes;
    }

    /// <summary>The partition's digest over its rows' keys and hashes, in RowKey order: what <see cref="ExportState"/> records.</summary>
    public static string Digest(List<ExportRow> rows, string[] hashes)
    {
        using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var i = 0; i < rows.Count; i++)
        {
            digest.AppendData(Encoding.UTF8.GetBytes(rows[i].RowKey + "\u001f" + hashes[i] + "\u001e"));
        }

        return Convert.ToBase64String(digest.GetHashAndReset());
    }
}
