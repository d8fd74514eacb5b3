using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Workflow.Domain.Register;
using Workflow.App.Register;
using Xunit;

namespace Workflow.App.Tests.Register;

public sealed class RegisterFileReaderTests
{
    private static readonly string Header = string.Join(',', RegisterColumns.InExportOrder);

    [Theory]
    [InlineData("名册.xls", "不支持 Excel 97-2003 工作簿（.xls）")]
    [InlineData("名册.pdf", "只能导入 .csv 或 .xlsx 文件，收到的文件扩展名是「.pdf」")]
    [InlineData("名册", "只能导入 .csv 或 .xlsx 文件，收到的文件扩展名是「」")]
    [InlineData("名册.xlsx", "文件扩展名是 .xlsx，但内容不是 Excel 工作簿")]
    public void Files_of_other_types_are_refused_with_a_reason(string fileName, string reason)
    {
        var refused = Assert.Throws<RegisterFileRejectedException>(() => RegisterFileReader.Read(fileName, Encoding.UTF8.GetBytes(Header)));

        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_workbook_named_csv_and_an_encrypted_workbook_are_refused()
    {
        var workbook = Workbook(new Row(Text("A1", "乡镇")) { RowIndex = 1 });
        byte[] encrypted = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];

        Assert.Contains("内容是 Excel 工作簿", Assert.Throws<RegisterFileRejectedException>(() => RegisterFileReader.Read("名册.csv", workbook)).Message, StringComparison.Ordinal);
        Assert.Contains("已加密", Assert.Throws<RegisterFileRejectedException>(() => RegisterFileReader.Read("名册.xlsx", encrypted)).Message, StringComparison.Ordinal);
        Assert.Contains("文件是空的", Assert.Throws<RegisterFileRejectedException>(() => RegisterFileReader.Read("名册.csv", [])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unicode_text_saved_by_Excel_is_tab_separated_UTF16_and_is_read()
    {
        var text = string.Join('\t', RegisterColumns.InExportOrder) + "\r\n碧城镇\t大箐村\r\n";
        byte[] bytes = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)];

        var sheet = RegisterFileReader.Read("名册.txt", bytes);

        Assert.True(sheet.HeaderRecognised);
        Assert.Equal("文本（UTF-16 编码）", sheet.Format);
        Assert.Equal("大箐村", Assert.Single(sheet.Rows).Cells[RegisterColumns.Village]);
    }

    [Fact]
    public void Bytes_that_break_their_own_BOM_or_are_binary_are_refused()
    {
        byte[] brokenUtf8 = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Header), 0xC3, 0x28];
        byte[] binary = [.. Encoding.UTF8.GetBytes(Header), 0x00, 0x01];

        Assert.Contains("标明为 UTF-8", Assert.Throws<RegisterFileRejectedException>(() => RegisterFileReader.Read("名册.csv", brokenUtf8)).Message, StringComparison.Ordinal);
        Assert.Contains("二进制", Assert.Throws<RegisterFileRejectedException>(() => RegisterFileReader.Read("名册.csv", binary)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GBK_text_that_is_not_a_register_is_refused_as_undecidable_rather_than_read_as_mojibake()
    {
        var notARegister = RegisterFiles.Gbk.GetBytes("会议纪要,时间,地点\r\n扶贫办,2020年3月,县政府\r\n");

        var refused = Assert.Throws<RegisterFileRejectedException>(() => RegisterFileReader.Read("名册.csv", notARegister));

        Assert.Contains("无法识别文件的字符编码", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_header_is_found_below_a_title_block_and_lines_count_blank_rows_as_a_spreadsheet_does()
    {
        var text = "禄丰县建档立卡贫困户花名册\r\n填报单位：扶贫办,,,\r\n" + Header + "\r\n碧城镇,大箐村\r\n\r\n,,,,\r\n金山镇,\"石坝\r\n村\"\r\n碧城镇,小营村\r\n";

        var sheet = RegisterFileReader.Read("名册.csv", Encoding.UTF8.GetBytes(text));

        Assert.Equal(3, sheet.HeaderLine);
        Assert.Equal([4, 7, 8], sheet.Rows.Select(r => r.Line));
        Assert.Equal("石坝\r\n村", sheet.Rows[1].Cells[RegisterColumns.Village]);
    }

    [Fact]
    public void A_file_with_no_recognisable_header_uses_its_first_row_so_the_header_check_can_say_what_is_missing()
    {
        var sheet = RegisterFileReader.Read("名册.csv", Encoding.UTF8.GetBytes("姓名,电话\r\n李四,123\r\n"));

        Assert.False(sheet.HeaderRecognised);
        Assert.Equal(1, sheet.HeaderLine);
        Assert.Contains(RegisterColumns.CheckHeader(sheet.Headers, sheet.HeaderLine), e => e.Reason == "缺少必填列「身份证号」");
    }

    [Fact]
    public void Workbook_numbers_and_dates_read_as_the_person_typed_them()
    {
        var headers = new[] { RegisterColumns.Township, RegisterColumns.Village, RegisterColumns.HouseholdNumber, RegisterColumns.PerCapitaNetIncome, RegisterColumns.NetIncome, RegisterColumns.BirthDate, RegisterColumns.ExitYear, RegisterColumns.HeadName };
        var workbook = Workbook(
            new Row(headers.Select((h, i) => Text($"{(char)('A' + i)}1", h))) { RowIndex = 1 },
            new Row(
                Text("A3", "碧城镇"),
                // No cell reference: the cell takes the next column.
                new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text("大箐村")) },
                Number("C3", "5323311002000001"),
                Number("D3", "1234.5599999999999"),
                Number("E3", "1.5E+3"),
                Number("F3", new DateTime(1975, 3, 14).ToOADate().ToString(CultureInfo.InvariantCulture), style: 1),
                Number("G3", "2018"),
                new Cell { CellReference = "H3", DataType = CellValues.Boolean, CellValue = new CellValue("1") }) { RowIndex = 3 });

        var sheet = RegisterFileReader.Read("名册.xlsx", workbook);

        var row = Assert.Single(sheet.Rows);
        Assert.Equal(3, row.Line);
        Assert.Equal("碧城镇", row.Cells[RegisterColumns.Township]);
        Assert.Equal("大箐村", row.Cells[RegisterColumns.Village]);
        Assert.Equal("5323311002000001", row.Cells[RegisterColumns.HouseholdNumber]);
        Assert.Equal("1234.56", row.Cells[RegisterColumns.PerCapitaNetIncome]);
        Assert.Equal("1500", row.Cells[RegisterColumns.NetIncome]);
        Assert.Equal("1975-03-14", row.Cells[RegisterColumns.BirthDate]);
        Assert.Equal("2018", row.Cells[RegisterColumns.ExitYear]);
        Assert.Equal("TRUE", row.Cells[RegisterColumns.HeadName]);
    }

    [Fact]
    public void A_damaged_workbook_is_refused()
    {
        var workbook = Workbook(new Row(Text("A1", "乡镇")) { RowIndex = 1 });
        var damaged = workbook[..(workbook.Length / 2)];

        var refused = Assert.Throws<RegisterFileRejectedException>(() => RegisterFileReader.Read("名册.xlsx", damaged));

        Assert.Contains("文件已损坏", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zip_bomb_named_xlsx_is_refused_before_it_is_unpacked()
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = archive.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 520; i++)
            {
                entry.Write(zeros);
            }
        }

        var refused = Assert.Throws<RegisterFileRejectedException>(() => RegisterFileReader.Read("名册.xlsx", zip.ToArray()));

        Assert.Contains("解压后过大", refused.Message, StringComparison.Ordinal);
    }

    private static Cell Text(string reference, string text) =>
        new() { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) };

    private static Cell Number(string reference, string value, uint? style = null) =>
        new() { CellReference = reference, CellValue = new CellValue(value), StyleIndex = style };

    /// <summary>One sheet; style 1 is a custom Chinese date format (yyyy"年"m"月"d"日").</summary>
    private static byte[] Workbook(params Row[] rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = new Stylesheet(
                new NumberingFormats(new NumberingFormat { NumberFormatId = 176, FormatCode = "yyyy\"年\"m\"月\"d\"日\"" }),
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 176, ApplyNumberFormat = true }));
            var part = workbook.AddNewPart<WorksheetPart>();
            part.Worksheet = new Worksheet(new SheetData(rows.Cast<OpenXmlElement>()));
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = 1, Name = "花名册" }));
        }

        return stream.ToArray();
    }
}
