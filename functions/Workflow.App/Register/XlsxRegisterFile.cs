using System.Globalization;
using System.IO.Compression;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Workflow.App.Register;

/// <summary>
/// Reads the first visible worksheet of an .xlsx workbook. Cells come back as the text a person sees: shared and
/// inline strings, numbers without binary-float noise, and date-formatted numbers as yyyy-MM-dd.
/// </summary>
internal static class XlsxRegisterFile
{
    /// <summary>A 20 MB upload of real sheet XML unpacks to well under this; a zip bomb does not.</summary>
    private const long MaxUnpackedBytes = 512L * 1024 * 1024;

    private const int MaxZipEntries = 10_000;

    /// <summary>Excel's own limit; a cell reference beyond it is not a real cell.</summary>
    private const int MaxColumns = 16_384;

    /// <summary>Excel serial day numbers from 1900-03-01 (61) to 9999-12-31, where they match OLE dates.</summary>
    private const double FirstSerialDate = 61;

    private const double LastSerialDate = 2_958_465;

    private const string Damaged = "无法读取 .xlsx 文件：文件已损坏，或不是 Excel 工作簿。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。";

    /// <summary>Built-in number formats that show a date: the international ones and those of Chinese locales.</summary>
    private static readonly HashSet<uint> BuiltInDateFormats = [14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58];

    public static RegisterSheet Read(byte[] content, IReadOnlyCollection<string> columns)
    {
        try
        {
            RefuseZipBomb(content);
            using var stream = new MemoryStream(content, writable: false);
            using var document = SpreadsheetDocument.Open(stream, isEditable: false);
            var workbook = document.WorkbookPart ?? throw new RegisterFileRejectedException(Damaged);
            var sheet = workbook.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault(s => s.State is null || s.State.Value == SheetStateValues.Visible)
                ?? throw new RegisterFileRejectedException("工作簿中没有可见的工作表。");
            if (sheet.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart worksheet)
            {
                throw new RegisterFileRejectedException(Damaged);
            }

            return RegisterSheet.Locate("Excel 工作簿（.xlsx）", Rows(worksheet, SharedStrings(workbook), DateStyles(workbook)), columns);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or XmlException or FileFormatException or ArgumentOutOfRangeException or KeyNotFoundException)
        {
            throw new RegisterFileRejectedException(Damaged);
        }
    }

    private static void RefuseZipBomb(byte[] content)
    {
        using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
        if (zip.Entries.Count > MaxZipEntries || zip.Entries.Sum(e => e.Length) > MaxUnpackedBytes)
        {
            throw new RegisterFileRejectedException("该 .xlsx 文件解压后过大，不像是一份名册。请检查文件，或拆分后分批导入。");
        }
    }

    /// <summary>Streams the sheet row by row, so a large sheet is never held as one XML tree.</summary>
    private static List<(int Line, IReadOnlyList<string> Cells)> Rows(WorksheetPart worksheet, string[] sharedStrings, HashSet<uint> dateStyles)
    {
        var rows = new List<(int Line, IReadOnlyList<string> Cells)>();
        using var reader = OpenXmlReader.Create(worksheet);
        var line = 0;
        var positioned = reader.Read();
        while (positioned && !reader.EOF)
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
            {
                positioned = reader.Read();
                continue;
            }

            // Loading the element moves the reader past it, onto what follows: no Read() here, or the next row is skipped.
            var row = (Row)reader.LoadCurrentElement()!;
            line = row.RowIndex?.Value is { } index ? (int)Math.Min(index, int.MaxValue) : line + 1;
            var cells = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : cells.Count;
                if (column is < 0 or >= MaxColumns)
                {
                    continue;
                }

                while (cells.Count <= column)
                {
                    cells.Add(string.Empty);
                }

                cells[column] = TextOf(cell, sharedStrings, dateStyles);
            }

            rows.Add((line, cells));
        }

        return rows;
    }

    private static string TextOf(Cell cell, string[] sharedStrings, HashSet<uint> dateStyles)
    {
        var raw = cell.CellValue?.Text ?? string.Empty;
        switch (cell.DataType?.Value)
        {
            case CellValues.SharedString:
                return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < sharedStrings.Length ? sharedStrings[index] : string.Empty;
            case CellValues.InlineString:
                return cell.InlineString is { } inline ? RichText(inline) : raw;
            case CellValues.Boolean:
                return raw == "1" ? "TRUE" : "FALSE";
            case CellValues.Date:
                // ISO 8601 date-time text; the register only has dates.
                return raw.Length >= 10 ? raw[..10] : raw;
            case CellValues.String or CellValues.Error:
                return raw;
            default:
                return cell.StyleIndex?.Value is { } style && dateStyles.Contains(style) ? DateText(raw) : NumberText(raw);
        }
    }

    private static string DateText(string raw) =>
        double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= FirstSerialDate and <= LastSerialDate
            ? DateTime.FromOADate(serial).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : raw;

    /// <summary>
    /// Whole numbers as written keep every digit (a long 户编号 stored as a number); others lose the float noise
    /// Excel writes (1234.5599999999999 is the 1234.56 the person typed) and any exponent.
    /// </summary>
    private static string NumberText(string raw)
    {
        if (raw.Length == 0 || raw.AsSpan().TrimStart('-').ContainsAnyExceptInRange('0', '9'))
        {
            return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && Math.Abs(number) < 1e28
                ? ((decimal)number).ToString(CultureInfo.InvariantCulture)
                : raw;
        }

        return raw;
    }

    private static string[] SharedStrings(WorkbookPart workbook) =>
        workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(RichText).ToArray() ?? [];

    /// <summary>Plain or rich text; phonetic guides (rPh) are not part of what the cell says.</summary>
    private static string RichText(RstType text) =>
        text.Text?.Text ?? string.Concat(text.Elements<Run>().Select(run => run.Text?.Text));

    /// <summary>The cell style indexes whose number format shows a date.</summary>
    private static HashSet<uint> DateStyles(WorkbookPart workbook)
    {
        var stylesheet = workbook.WorkbookStylesPart?.Stylesheet;
        var customDateFormats = stylesheet?.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null && IsDateFormatCode(f.FormatCode?.Value))
            .Select(f => f.NumberFormatId!.Value)
            .ToHashSet() ?? [];
        var styles = new HashSet<uint>();
        var styleIndex = 0u;
        foreach (var format in stylesheet?.CellFormats?.Elements<CellFormat>() ?? [])
        {
            var formatId = format.NumberFormatId?.Value ?? 0;
            if (BuiltInDateFormats.Contains(formatId) || customDateFormats.Contains(formatId))
            {
                styles.Add(styleIndex);
            }

            styleIndex++;
        }

        return styles;
    }

    /// <summary>A custom format shows a date when, outside quoted text and [..] sections, it has a year or day part.</summary>
    private static bool IsDateFormatCode(string? code)
    {
        if (code is null)
        {
            return false;
        }

        var inQuotes = false;
        var inBrackets = false;
        foreach (var c in code)
        {
            switch (c)
            {
                case '"':
                    inQuotes = !inQuotes;
                    break;
                case '[' when !inQuotes:
                    inBrackets = true;
                    break;
                case ']' when !inQuotes:
                    inBrackets = false;
                    break;
                case 'y' or 'Y' or 'd' or 'D' when !inQuotes && !inBrackets:
                    return true;
            }
        }

        return false;
    }

    /// <summary>"AB12" → 27 (0-based); -1 when the reference has no column letters.</summary>
    private static int ColumnIndex(string reference)
    {
        var column = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }

            column = Math.Min((column * 26) + (char.ToUpperInvariant(c) - 'A' + 1), MaxColumns + 1);
            letters++;
        }

        return letters == 0 ? -1 : column - 1;
    }
}
