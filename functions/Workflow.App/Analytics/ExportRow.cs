using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Workflow.App.Analytics;

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
        Span<char> cell = stackalloc char[ExportValues.MaxTypedTextLength];
        for (var i = 0; i < table.Columns.Count; i++)
        {
            text.Append('\u001f');
            var type = table.Columns[i].Type;
            switch (Values[i])
            {
                case null:
                    text.Append('\u0000');
                    break;
                case string value when type == ColumnType.String:
                    text.Append(value);
                    break;
                case { } value:
                    text.Append(cell[..ExportValues.Format(type, value, cell)]);
                    break;
            }
        }

        return Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 16));
    }
}

/// <summary>How a column value is written: checked against its type once, here, for every path.</summary>
public static class ExportValues
{
    /// <summary>Room for the text of any typed value (a decimal takes at most 31 characters, an instant 20).</summary>
    public const int MaxTypedTextLength = 64;

    /// <summary>The invariant text of a value (dates yyyy-MM-dd, instants yyyy-MM-ddTHH:mm:ssZ in UTC): CSV cells and row hashes.</summary>
    public static string Text(ColumnType type, object value)
    {
        if (type == ColumnType.String)
        {
            return (string)value;
        }

        Span<char> text = stackalloc char[MaxTypedTextLength];
        return new string(text[..Format(type, value, text)]);
    }

    /// <summary>
    /// Writes the invariant text of a typed (not string) value into <paramref name="destination"/> and returns its length:
    /// the same text as <see cref="Text"/>, without a string for each cell (the CSV snapshots and row hashes of millions of rows).
    /// </summary>
    public static int Format(ColumnType type, object value, Span<char> destination)
    {
        var invariant = CultureInfo.InvariantCulture;
        int written;
        var done = type switch
        {
            ColumnType.Int => ((int)value).TryFormat(destination, out written, default, invariant),
            ColumnType.Long => ((long)value).TryFormat(destination, out written, default, invariant),
            ColumnType.Decimal => ((decimal)value).TryFormat(destination, out written, default, invariant),
            ColumnType.Double => ((double)value).TryFormat(destination, out written, "R", invariant),
            ColumnType.Bool => TryCopy((bool)value ? "true" : "false", destination, out written),
            ColumnType.Date => ((DateOnly)value).TryFormat(destination, out written, "O", invariant),
            ColumnType.DateTime => TryFormatInstant(((DateTimeOffset)value).UtcDateTime, destination, out written),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };
        return done ? written : throw new ArgumentException($"The text of a {type} value does not fit {destination.Length} characters.", nameof(destination));
    }

    // yyyy-MM-ddTHH:mm:ssZ: the standard sortable form ("s", a fast path, unlike the same pattern spelled out) and Z for UTC.
    private static bool TryFormatInstant(DateTime utc, Span<char> destination, out int written)
    {
        if (utc.TryFormat(destination, out written, "s", CultureInfo.InvariantCulture) && written < destination.Length)
        {
            destination[written++] = 'Z';
            return true;
        }

        return false;
    }

    private static bool TryCopy(string text, Span<char> destination, out int written)
    {
        written = text.Length;
        return text.TryCopyTo(destination);
    }

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
