using System.Globalization;
using System.Text;
using Workflow.App.Analytics;

namespace Workflow.Analytics.Bench;

/// <summary>
/// The baseline: the same rows written as CSV with nothing but a <see cref="StreamWriter"/> and invariant formatting
/// (UTF-8 with BOM, the same date, time and number forms, RFC 4180 quoting where a cell needs it) — no schema checks,
/// no formula neutralising, no hashing, no storage.
/// </summary>
internal static class PlainCsv
{
    private static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];

    public static long Write(string path, ExportTable table, IEnumerable<ExportRow> rows)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 1 << 16);
        writer.Write(string.Join(',', table.Columns.Select(c => c.Name)));
        writer.Write("\r\n");
        long count = 0;
        Span<char> scratch = stackalloc char[64];
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Values.Count; i++)
            {
                if (i > 0)
                {
                    writer.Write(',');
                }

                switch (row.Values[i])
                {
                    case null:
                        break;
                    case string text when text.IndexOfAny(NeedsQuotes) >= 0:
                        writer.Write('"');
                        writer.Write(text.Replace("\"", "\"\"", StringComparison.Ordinal));
                        writer.Write('"');
                        break;
                    case string text:
                        writer.Write(text);
                        break;
                    case bool flag:
                        writer.Write(flag ? "true" : "false");
                        break;
                    case DateOnly date:
                        writer.Write(Formatted(scratch, date, "yyyy-MM-dd"));
                        break;
                    case DateTimeOffset time:
                        writer.Write(Formatted(scratch, time.UtcDateTime, "yyyy-MM-dd'T'HH:mm:ss'Z'"));
                        break;
                    case ISpanFormattable number:
                        writer.Write(Formatted(scratch, number, null));
                        break;
                    default:
                        throw new InvalidOperationException($"No CSV form for {row.Values[i]!.GetType().Name}.");
                }
            }

            writer.Write("\r\n");
            count++;
        }

        return count;
    }

    private static ReadOnlySpan<char> Formatted<T>(Span<char> scratch, T value, string? format)
        where T : ISpanFormattable =>
        value.TryFormat(scratch, out var written, format, CultureInfo.InvariantCulture) ? scratch[..written] : throw new InvalidOperationException("A cell longer than 64 characters.");
}
