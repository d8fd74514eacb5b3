using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Workflow.Domain.Register;

namespace Workflow.App.Tests.Register;

/// <summary>Register files as counties send them, built byte by byte here rather than by the code under test.</summary>
internal static class RegisterFiles
{
    public static Encoding Gbk { get; } = CodePagesEncodingProvider.Instance.GetEncoding(936)!;

    public static Encoding ShiftJis { get; } = CodePagesEncodingProvider.Instance.GetEncoding(932)!;

    /// <summary>The header and one row per member, in the county export layout, with full 身份证号.</summary>
    public static List<string[]> RowsOf(County county)
    {
        var rows = new List<string[]> { RegisterColumns.InExportOrder.ToArray() };
        foreach (var township in county.Townships)
        {
            foreach (var village in township.Villages)
            {
                foreach (var household in village.Households)
                {
                    rows.AddRange(household.Members.Select(member => new[]
                    {
                        township.Name, village.Name, household.Number, household.Head.Name, member.Name, ChineseTerms.Of(member.Relationship),
                        member.IdNumber.Reveal(), member.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        household.Size.ToString(CultureInfo.InvariantCulture), ChineseTerms.Of(household.Cause), ChineseTerms.Of(household.Status),
                        household.ExitYear?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, ChineseTerms.Of(household.Monitoring),
                        household.Income.PerCapitaNetIncome.ToString(CultureInfo.InvariantCulture),
                        household.Income.NetIncome?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, household.ResponsibleCadre,
                    }));
                }
            }
        }

        return rows;
    }

    public static int Column(string header) => RegisterColumns.InExportOrder.ToList().IndexOf(header);

    /// <summary>RFC 4180 text: cells with a comma, quote or line break quoted, quotes doubled, CRLF line ends.</summary>
    public static string CsvText(IEnumerable<IReadOnlyList<string>> rows, char separator = ',') =>
        string.Concat(rows.Select(row => string.Join(separator, row.Select(cell =>
            cell.IndexOfAny(['"', ',', '\r', '\n', '\t']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell)) + "\r\n"));

    public static byte[] Csv(IEnumerable<IReadOnlyList<string>> rows, Encoding? encoding = null, bool byteOrderMark = false)
    {
        // GetBytes never writes a BOM; GetPreamble gives it when the encoding has one.
        encoding ??= new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
        var body = encoding.GetBytes(CsvText(rows, encoding is UnicodeEncoding ? '\t' : ','));
        return byteOrderMark ? [.. encoding.GetPreamble(), .. body] : body;
    }

    /// <summary>
    /// A workbook whose first sheet is hidden (notes) and whose second holds a title row above the header, as county
    /// templates do. Text goes in the shared string table (the names as rich text with a phonetic guide), 姓名 as
    /// inline strings, the sizes and incomes as numbers, and 出生日期 as a date serial with a date format.
    /// </summary>
    public static byte[] Xlsx(IReadOnlyList<string[]> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font()),
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None })),
                new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }));
            var sharedStrings = workbook.AddNewPart<SharedStringTablePart>();
            sharedStrings.SharedStringTable = new SharedStringTable();
            var sheets = workbook.Workbook.AppendChild(new Sheets());

            var notes = workbook.AddNewPart<WorksheetPart>();
            notes.Worksheet = new Worksheet(new SheetData(new Row(InlineCell("A1", "填表说明：每名成员一行")) { RowIndex = 1 }));
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(notes), SheetId = 1, Name = "说明", State = SheetStateValues.Hidden });

            var register = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            register.Worksheet = new Worksheet(data);
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(register), SheetId = 2, Name = "花名册" });

            data.Append(new Row(SharedCell(sharedStrings, "A1", "禄丰县建档立卡贫困户花名册")) { RowIndex = 1 });
            for (var r = 0; r < rows.Count; r++)
            {
                var rowIndex = (uint)(r + 2);
                var row = new Row { RowIndex = rowIndex };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var reference = ColumnName(c) + rowIndex.ToString(CultureInfo.InvariantCulture);
                    var value = rows[r][c];
                    if (value.Length == 0)
                    {
                        continue; // sparse, as Excel writes empty cells
                    }

                    var header = RegisterColumns.InExportOrder[c];
                    row.Append(r == 0 ? SharedCell(sharedStrings, reference, value) : header switch
                    {
                        RegisterColumns.MemberName => InlineCell(reference, value),
                        RegisterColumns.HeadName => RichSharedCell(sharedStrings, reference, value),
                        RegisterColumns.BirthDate => DateCell(reference, DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture)),
                        RegisterColumns.HouseholdSize or RegisterColumns.PerCapitaNetIncome or RegisterColumns.NetIncome or RegisterColumns.ExitYear => NumberCell(reference, value),
                        _ => SharedCell(sharedStrings, reference, value),
                    });
                }

                data.Append(row);
            }
        }

        return stream.ToArray();
    }

    private static Cell SharedCell(SharedStringTablePart part, string reference, string text)
    {
        part.SharedStringTable.Append(new SharedStringItem(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        return new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue((part.SharedStringTable.Count() - 1).ToString(CultureInfo.InvariantCulture)) };
    }

    /// <summary>The text split over two runs, with a pinyin guide that is not part of the cell's text.</summary>
    private static Cell RichSharedCell(SharedStringTablePart part, string reference, string text)
    {
        part.SharedStringTable.Append(new SharedStringItem(
            new Run(new Text(text[..1])),
            new Run(new Text(text[1..])),
            new PhoneticRun(new Text("pinyin")) { BaseTextStartIndex = 0, EndingBaseIndex = 1 }));
        return new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue((part.SharedStringTable.Count() - 1).ToString(CultureInfo.InvariantCulture)) };
    }

    private static Cell InlineCell(string reference, string text) =>
        new() { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) };

    private static Cell NumberCell(string reference, string value) =>
        new() { CellReference = reference, CellValue = new CellValue(value) };

    private static Cell DateCell(string reference, DateOnly date) =>
        new()
        {
            CellReference = reference,
            StyleIndex = 1,
            CellValue = new CellValue((date.ToDateTime(TimeOnly.MinValue).ToOADate()).ToString(CultureInfo.InvariantCulture)),
        };

    private static string ColumnName(int index) => index < 26 ? ((char)('A' + index)).ToString() : ColumnName((index / 26) - 1) + (char)('A' + (index % 26));
}
