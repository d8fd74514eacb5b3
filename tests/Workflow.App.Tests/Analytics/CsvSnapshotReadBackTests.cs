using System.Globalization;
using System.Text;
using CsvHelper;
using Workflow.App.Analytics;
using Workflow.App.Analytics.Sources;
using Workflow.Domain.Calendar;
using Workflow.Domain.Register;
using Xunit;

namespace Workflow.App.Tests.Analytics;

/// <summary>
/// Every CSV snapshot of an exported county read back as Power Query reads it (<c>Csv.Document</c>, UTF-8): a CSV
/// parser given the blob's stream honours the BOM, so the first header is the column's name, not "\uFEFF" and the
/// name; every cell of every row, parsed with its column's type, equals the row in the <c>pbi</c> table, Chinese text
/// included.
/// </summary>
public sealed class CsvSnapshotReadBackTests(ODataFeedTests.ExportedCounty county) : IClassFixture<ODataFeedTests.ExportedCounty>
{
    private static readonly DateOnly Today = ShanghaiTime.DateOf(AnalyticsTestBed.Start);

    [Fact]
    public async Task Each_snapshot_loads_with_its_bom_honoured_and_keeps_chinese_text_and_typed_columns()
    {
        var chinese = 0;
        foreach (var table in AnalyticsSchema.Tables)
        {
            chinese += (await ReadBackAsync(county.Bed, table, Today)).ChineseCells;
        }

        Assert.True(chinese > 100, $"only {chinese} cells of Chinese text: the check would not have seen mangled text");
    }

    /// <summary>
    /// Reads a table's snapshot of <paramref name="day"/> back with its BOM and its columns' types and checks every cell
    /// against the <c>pbi</c> table; returns the rows read and the cells of Chinese text among them.
    /// </summary>
    internal static async Task<(int Rows, int ChineseCells)> ReadBackAsync(AnalyticsTestBed bed, ExportTable table, DateOnly day)
    {
        var chinese = 0;
        var bytes = await bed.CsvAsync(table, day);
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        using var stream = new MemoryStream(bytes);
        using var reader = CsvReader.Create(stream, CsvReaderOptions.Default with { HasHeader = false, Encoding = Encoding.UTF8 }, leaveOpen: false);
        Assert.True(reader.Read(), $"{table.Name}: no header");
        Assert.Equal(table.Columns.Select(c => c.Name), Enumerable.Range(0, reader.FieldCount).Select(reader.GetString));

        // By the table's key column (unique in the table; RowKeys are unique only within a partition).
        var stored = (await bed.TableRowsAsync(table)).ToDictionary(r => ExportValues.FromTable(table.Key.Type, r[table.Key.Name])!);
        var rows = 0;
        while (reader.Read())
        {
            rows++;
            Assert.Equal(table.Columns.Count, reader.FieldCount);
            var cells = Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray();
            Assert.True(stored.TryGetValue(Typed(table.Key, cells[0])!, out var entity), $"{table.Name}: no row with key {cells[0]}");
            for (var i = 0; i < table.Columns.Count; i++)
            {
                var column = table.Columns[i];
                var expected = ExportValues.FromTable(column.Type, entity[column.Name]);
                var actual = Typed(column, cells[i]);
                // Text is neutralised in the CSV like every download (a leading =, +, - or @ gets an apostrophe).
                // A decimal is a double in the table (tables have no decimal); the CSV keeps every digit.
                Assert.True(
                    (column.Type, expected, actual) switch
                    {
                        (ColumnType.String, string text, _) => CsvCellSafety.Neutralise(text) == (string?)actual,
                        (ColumnType.Decimal, not null, decimal read) => entity[column.Name] is double held && held == (double)read,
                        _ => Equals(expected, actual),
                    },
                    $"{table.Name}.{column.Name} row {rows}: CSV '{cells[i]}' is {actual ?? "null"}, the table holds {expected ?? "null"}");
                chinese += actual is string s && s.Any(c => c is >= '\u4e00' and <= '\u9fff') ? 1 : 0;
            }
        }

        Assert.Equal(stored.Count, rows);
        return (rows, chinese);
    }

    // The cell as Power Query's Table.TransformColumnTypes in the README types it: invariant numbers, ISO dates, UTC instants.
    private static object? Typed(ExportColumn column, string cell)
    {
        if (cell.Length == 0)
        {
            return column.Type == ColumnType.String && !column.Nullable ? string.Empty : null;
        }

        var invariant = CultureInfo.InvariantCulture;
        return column.Type switch
        {
            ColumnType.String => cell,
            ColumnType.Int => int.Parse(cell, NumberStyles.AllowLeadingSign, invariant),
            ColumnType.Long => long.Parse(cell, NumberStyles.AllowLeadingSign, invariant),
            ColumnType.Decimal => decimal.Parse(cell, NumberStyles.Number, invariant),
            ColumnType.Double => double.Parse(cell, NumberStyles.Float, invariant),
            ColumnType.Bool => bool.Parse(cell),
            ColumnType.Date => DateOnly.ParseExact(cell, "yyyy-MM-dd", invariant),
            ColumnType.DateTime => DateTimeOffset.ParseExact(cell, "yyyy-MM-dd'T'HH:mm:ss'Z'", invariant, DateTimeStyles.AssumeUniversal),
            _ => throw new ArgumentOutOfRangeException(nameof(column), column.Type, null),
        };
    }
}
