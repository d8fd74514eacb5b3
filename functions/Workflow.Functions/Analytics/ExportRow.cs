using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Workflow.Functions.Analytics;

/// <summary>
/// One row a source produces: its table keys and its values in the table's column order (null for no value). The
/// RowKey is derived from the data (never from the run), so writing the row again replaces it instead of adding one.
/// </summary>
public sealed class ExportRow
{
    public ExportRow(string partitionKey, string rowKey, object?[] values)
    {
        ArgumentException.ThrowIfNullOrEmpty(partitionKey);
        ArgumentException.ThrowIfNullOrEmpty(rowKey);
        ArgumentNullException.ThrowIfNull(values);
        PartitionKey = partitionKey;
        RowKey = rowKey;
        Values = values;
    }

    public string PartitionKey { get; }

    public string RowKey { get; }

    public IReadOnlyList<object?> Values { get; }

    /// <summary>A digest of the row's keys and values in their exported form: equal hashes, equal rows.</summary>
    public string Hash(ExportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var text = new StringBuilder(PartitionKey).Append('\u001f').Append(RowKey);
        for (var i = 0; i < table.Columns.Count; i++)
        {
            text.Append('\u001f').Append(Values[i] is null ? "\u0000" : ExportValues.Text(table.Columns[i].Type, Values[i]!));
        }

        return Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 16));
    }
}

/// <summary>How a column value is written: checked against its type once, here, for every path.</summary>
public static class ExportValues
{
    /// <summary>The invariant text of a value: CSV cells and row hashes.</summary>
    public static string Text(ColumnType type, object value) => type switch
    {
        ColumnType.String => (string)value,
        ColumnType.Int => ((int)value).ToString(CultureInfo.InvariantCulture),
        ColumnType.Long => ((long)value).ToString(CultureInfo.InvariantCulture),
        ColumnType.Decimal => ((decimal)value).ToString(CultureInfo.InvariantCulture),
        ColumnType.Double => ((double)value).ToString("R", CultureInfo.InvariantCulture),
        ColumnType.Bool => (bool)value ? "true" : "false",
        ColumnType.Date => ((DateOnly)value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ColumnType.DateTime => ((DateTimeOffset)value).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The value as a table property: Edm.String, Int32, Int64, Double, Boolean or DateTime.</summary>
    public static object TableValue(ColumnType type, object value) => type switch
    {
        ColumnType.Decimal => (double)(decimal)value,
        ColumnType.Date => new DateTimeOffset(((DateOnly)value).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        ColumnType.DateTime => TruncateToSeconds(((DateTimeOffset)value).ToUniversalTime()),
        _ => value,
    };

    /// <summary>A table property read back as the column's value type.</summary>
    public static object? FromTable(ColumnType type, object? stored) => stored switch
    {
        null => null,
        double number when type == ColumnType.Decimal => (decimal)number,
        DateTimeOffset time when type == ColumnType.Date => DateOnly.FromDateTime(time.UtcDateTime),
        DateTimeOffset time when type == ColumnType.DateTime => time.ToUniversalTime(),
        int number when type == ColumnType.Long => (long)number,
        _ => stored,
    };

    /// <summary>Whether a value has the CLR type its column declares (string, int, long, decimal, double, bool, DateOnly, DateTimeOffset).</summary>
    public static bool Fits(ColumnType type, object value) => type switch
    {
        ColumnType.String => value is string,
        ColumnType.Int => value is int,
        ColumnType.Long => value is long,
        ColumnType.Decimal => value is decimal,
        ColumnType.Double => value is double,
        ColumnType.Bool => value is bool,
        ColumnType.Date => value is DateOnly,
        ColumnType.DateTime => value is DateTimeOffset,
        _ => false,
    };

    // CSV carries whole seconds; the table keeps the same, so both paths hold one value.
    private static DateTimeOffset TruncateToSeconds(DateTimeOffset time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
