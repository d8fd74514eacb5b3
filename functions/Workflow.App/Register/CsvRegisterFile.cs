using System.Globalization;
using System.Text;
using CsvHelper;

namespace Workflow.App.Register;

/// <summary>
/// Reads a delimited text export. Counties save these from Excel or WPS in UTF-8 (with or without a BOM), in
/// UTF-16 ("Unicode 文本"), or — by default on Chinese Windows — in GBK. Without a BOM the encoding is decided
/// by strict decoding: bytes that are valid UTF-8 are UTF-8 (GBK Chinese text essentially never is); otherwise
/// GB18030, a superset of GBK, is tried and accepted only if the header then reads as register columns. Anything
/// else is refused with what to do, rather than imported as mojibake.
/// </summary>
internal static class CsvRegisterFile
{
    private const int Gb18030CodePage = 54936;

    private const string SaveAsUtf8 = "请在 Excel 或 WPS 中打开文件，另存为「CSV UTF-8（逗号分隔）」或 .xlsx 后重新导入。";

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private static readonly byte[] Utf16LittleEndianBom = [0xFF, 0xFE];
    private static readonly byte[] Utf16BigEndianBom = [0xFE, 0xFF];

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Encoding StrictUtf16LittleEndian = new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly Encoding StrictUtf16BigEndian = new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);

    // From the code-pages provider directly: registering it process-wide would change Encoding.GetEncoding for everyone.
    private static readonly Encoding StrictGb18030 =
        CodePagesEncodingProvider.Instance.GetEncoding(Gb18030CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)
        ?? throw new InvalidOperationException("The GB18030 code page is not available.");

    public static RegisterSheet Read(ReadOnlySpan<byte> bytes, IReadOnlyCollection<string> columns)
    {
        if (bytes.StartsWith(Utf8Bom))
        {
            return Parse(Decode(StrictUtf8, bytes[3..], "文件开头标明为 UTF-8 编码，但内容中有不属于 UTF-8 的字节。"), "CSV（UTF-8 编码，带 BOM）", columns);
        }

        if (bytes.StartsWith(Utf16LittleEndianBom))
        {
            return Parse(Decode(StrictUtf16LittleEndian, bytes[2..], "文件开头标明为 UTF-16 编码，但内容不是有效的 UTF-16。"), "文本（UTF-16 编码）", columns);
        }

        if (bytes.StartsWith(Utf16BigEndianBom))
        {
            return Parse(Decode(StrictUtf16BigEndian, bytes[2..], "文件开头标明为 UTF-16 编码，但内容不是有效的 UTF-16。"), "文本（UTF-16 编码）", columns);
        }

        if (bytes.Contains((byte)0))
        {
            throw new RegisterFileRejectedException("文件含有二进制内容，不是 CSV 文本文件。" + SaveAsUtf8);
        }

        if (TryDecode(StrictUtf8, bytes, out var utf8))
        {
            return Parse(utf8, "CSV（UTF-8 编码）", columns);
        }

        if (TryDecode(StrictGb18030, bytes, out var gb18030))
        {
            var sheet = Parse(gb18030, "CSV（GBK/GB18030 编码）", columns);
            if (sheet.HeaderRecognised)
            {
                return sheet;
            }
        }

        throw new RegisterFileRejectedException("无法识别文件的字符编码：既不是 UTF-8，按 GBK/GB18030 解码后也找不到表头。" + SaveAsUtf8);
    }

    private static string Decode(Encoding encoding, ReadOnlySpan<byte> bytes, string refusal) =>
        TryDecode(encoding, bytes, out var text) ? text : throw new RegisterFileRejectedException(refusal + SaveAsUtf8);

    private static bool TryDecode(Encoding encoding, ReadOnlySpan<byte> bytes, out string text)
    {
        try
        {
            text = encoding.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = string.Empty;
            return false;
        }
    }

    /// <summary>
    /// Quoted fields may hold delimiters, doubled quotes and line breaks. Lines are numbered as a spreadsheet numbers
    /// its rows (a quoted line break stays inside its row, blank lines count), so an error report's line is the row
    /// the person sees in Excel or WPS.
    /// </summary>
    private static RegisterSheet Parse(string text, string format, IReadOnlyCollection<string> columns)
    {
        // A stray quote inside an unquoted field is kept as text (the reader's default recovery): the row's
        // validation then says what is wrong with the cell.
        var options = CsvReaderOptions.Default with { HasHeader = false, Separator = SeparatorOf(text), SkipEmptyLines = false };
        var lines = new List<(int Line, IReadOnlyList<string> Cells)>();
        using var reader = CsvReader.FromText(text, options);
        while (reader.Read())
        {
            var cells = new string[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = reader.GetString(i);
            }

            lines.Add((lines.Count + 1, cells));
        }

        return RegisterSheet.Locate(format, lines, columns);
    }

    /// <summary>Excel's "Unicode 文本" is tab-separated; everything else counties send is comma-separated.</summary>
    private static char SeparatorOf(string text)
    {
        var end = text.AsSpan().IndexOfAny('\r', '\n');
        var firstLine = end < 0 ? text.AsSpan() : text.AsSpan(0, end);
        return firstLine.Count('\t') > firstLine.Count(',') ? '\t' : ',';
    }
}
