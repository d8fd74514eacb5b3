using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Workflow.Domain.Rectification;
using Workflow.App.Tests.Register;

namespace Workflow.App.Tests.Rectification;

/// <summary>Findings files as counties send them, built here rather than by the code under test.</summary>
internal static class FindingFiles
{
    public static string[] Header => [.. FindingColumns.InOrder];

    public static byte[] Csv(IEnumerable<string[]> rows, bool byteOrderMark) =>
        RegisterFiles.Csv(rows, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), byteOrderMark);

    /// <summary>One sheet with a title row above the header; 整改时限 cells that parse as dates are date serials with a date format.</summary>
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
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            var part = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            part.Worksheet = new Worksheet(data);
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = 1, Name = "反馈问题清单" });
            data.Append(new Row(Text("A1", "2026年度反馈问题整改清单")) { RowIndex = 1 });
            var deadlineColumn = FindingColumns.InOrder.ToList().IndexOf(FindingColumns.Deadline);
            for (var r = 0; r < rows.Count; r++)
            {
                var index = (uint)(r + 2);
                var row = new Row { RowIndex = index };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var reference = (char)('A' + c) + index.ToString(CultureInfo.InvariantCulture);
                    var value = rows[r][c];
                    if (value.Length == 0)
                    {
                        continue;
                    }

                    row.Append(r > 0 && c == deadlineColumn && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                        ? new Cell { CellReference = reference, StyleIndex = 1, CellValue = new CellValue(date.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture)) }
                        : Text(reference, value));
                }

                data.Append(row);
            }
        }

        return stream.ToArray();
    }

    private static Cell Text(string reference, string text) =>
        new() { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) };
}
