using System.Diagnostics;
using System.Text;
using Workflow.Domain.Demo;
using Workflow.Domain.Entries;
using Workflow.Domain.Register;
using Workflow.App.Register;
using Xunit;
using Xunit.Abstractions;

namespace Workflow.App.Tests.Register;

/// <summary>Imports of hostile and ordinary register files into a real Azurite, checked by reading the register back.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RegisterImportTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private readonly RegisterTestBed _bed = new(azurite);

    [Fact]
    public async Task Utf8_with_and_without_BOM_import_the_same_register()
    {
        var county = RegisterTestBed.Generate();
        var rows = RegisterFiles.RowsOf(county);
        var withBom = new RegisterTestBed(azurite);
        var withoutBom = new RegisterTestBed(azurite);

        var bomReport = await withBom.ImportAsync(await withBom.AddPlacesAsync(county), "名册.csv", RegisterFiles.Csv(rows, byteOrderMark: true));
        var plainReport = await withoutBom.ImportAsync(await withoutBom.AddPlacesAsync(county), "名册.csv", RegisterFiles.Csv(rows));

        Assert.Equal(100, bomReport.ImportedRowCount);
        Assert.Empty(bomReport.Errors);
        Assert.Contains("带 BOM", bomReport.Format, StringComparison.Ordinal);
        Assert.Equal(100, plainReport.ImportedRowCount);
        Assert.Empty(plainReport.Errors);
        Assert.Equal(
            Describe(await withBom.ReadAllAsync(county)),
            Describe(await withoutBom.ReadAllAsync(county)));
        Assert.Equal(Describe(Registered(county)), Describe(await withBom.ReadAllAsync(county)));
    }

    [Fact]
    public async Task A_GBK_file_from_Chinese_Excel_is_detected_and_decoded()
    {
        var county = RegisterTestBed.Generate();
        var places = await _bed.AddPlacesAsync(county);
        var gbk = RegisterFiles.Csv(RegisterFiles.RowsOf(county), RegisterFiles.Gbk);

        var report = await _bed.ImportAsync(places, "名册.csv", gbk);

        Assert.Contains("GBK", report.Format, StringComparison.Ordinal);
        Assert.Equal(100, report.ImportedRowCount);
        Assert.Empty(report.Errors);
        var head = county.Households.First().Head;
        var stored = await _bed.Store.FindByIdNumberAsync(county.Code, head.IdNumber, CancellationToken.None);
        Assert.Equal(head.Name, stored!.Household.Head.Name);
    }

    [Fact]
    public async Task A_file_in_an_encoding_that_cannot_be_decided_is_refused_with_what_to_do()
    {
        var county = RegisterTestBed.Generate();
        var places = await _bed.AddPlacesAsync(county);
        var shiftJis = RegisterFiles.Csv(RegisterFiles.RowsOf(county), RegisterFiles.ShiftJis);

        var refused = await Assert.ThrowsAsync<RegisterFileRejectedException>(() => _bed.ImportAsync(places, "名册.csv", shiftJis));

        Assert.Contains("无法识别文件的字符编码", refused.Message, StringComparison.Ordinal);
        Assert.Contains("CSV UTF-8", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await _bed.ReadAllAsync(places));
    }

    [Fact]
    public async Task Quotes_commas_and_line_breaks_inside_fields_survive_and_lines_are_counted_as_Excel_rows()
    {
        var county = RegisterTestBed.Generate();
        var places = await _bed.AddPlacesAsync(county);
        var rows = RegisterFiles.RowsOf(county);
        var household = county.Households.First(h => h.Size >= 2);
        var memberRow = rows.FindIndex(r => r[RegisterFiles.Column(RegisterColumns.IdNumber)] == household.Members[1].IdNumber.Reveal());
        rows[memberRow][RegisterFiles.Column(RegisterColumns.MemberName)] = "李\"小\"明,\r\n阿依";
        foreach (var row in rows.Where(r => r[RegisterFiles.Column(RegisterColumns.HouseholdNumber)] == household.Number))
        {
            row[RegisterFiles.Column(RegisterColumns.ResponsibleCadre)] = "王芳, \"驻村\"工作队\n第一书记";
        }

        // After the two-line cells, one row with a bad exit year: its line must be its row in a spreadsheet.
        var badRow = rows.FindIndex(memberRow + 1, r => r[RegisterFiles.Column(RegisterColumns.PovertyStatus)] != "未脱贫"
            && r[RegisterFiles.Column(RegisterColumns.HouseholdNumber)] != household.Number);
        rows[badRow][RegisterFiles.Column(RegisterColumns.ExitYear)] = "1999";

        var report = await _bed.ImportAsync(places, "名册.csv", RegisterFiles.Csv(rows, byteOrderMark: true));

        var stored = await _bed.Store.FindHouseholdAsync(county.Code, household.Number, CancellationToken.None);
        Assert.Equal("李\"小\"明,\r\n阿依", stored!.Household.Members[1].Name);
        Assert.Equal("王芳, \"驻村\"工作队\n第一书记", stored.Household.ResponsibleCadre);
        var error = Assert.Single(report.Errors, e => e.Column == RegisterColumns.ExitYear);
        Assert.Equal(badRow + 1, error.Line);
    }

    [Fact]
    public async Task A_broken_row_among_good_ones_keeps_the_good_households_and_reports_line_column_and_reason()
    {
        var county = RegisterTestBed.Generate();
        var places = await _bed.AddPlacesAsync(county);
        var rows = RegisterFiles.RowsOf(county);
        var broken = county.Households.First(h => h.Size >= 3);
        var brokenRow = rows.FindIndex(r => r[RegisterFiles.Column(RegisterColumns.IdNumber)] == broken.Members[1].IdNumber.Reveal());
        var id = rows[brokenRow][RegisterFiles.Column(RegisterColumns.IdNumber)];
        rows[brokenRow][RegisterFiles.Column(RegisterColumns.IdNumber)] = id[..16] + (char)('0' + ((id[16] - '0' + 1) % 10)) + id[17];

        var report = await _bed.ImportAsync(places, "名册.csv", RegisterFiles.Csv(rows));

        var idError = Assert.Single(report.Errors, e => e.Column == RegisterColumns.IdNumber);
        Assert.Equal(brokenRow + 1, idError.Line);
        Assert.Equal("身份证号校验位错误，请核对号码是否录入有误", idError.Reason);
        Assert.Equal(broken.Size - 1, report.Errors.Count(e => e.Reason.Contains("整户未导入", StringComparison.Ordinal)));
        Assert.Equal(100 - broken.Size, report.ImportedRowCount);
        Assert.Equal(broken.Size, report.RejectedRowCount);
        Assert.Equal(29, report.Households.Added);
        Assert.Null(await _bed.Store.FindHouseholdAsync(county.Code, broken.Number, CancellationToken.None));
        Assert.DoesNotContain(report.Errors, e => e.Reason.Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Re_importing_the_same_file_changes_nothing_and_says_so()
    {
        var county = RegisterTestBed.Generate();
        var places = await _bed.AddPlacesAsync(county);
        var file = RegisterFiles.Csv(RegisterFiles.RowsOf(county), byteOrderMark: true);
        var first = await _bed.ImportAsync(places, "名册.csv", file);
        var before = await _bed.SnapshotAsync();

        var again = await _bed.ImportAsync(places, "名册.csv", file);

        Assert.Equal(new RegisterWrite(30, 0, 0), first.Households);
        Assert.Equal(new RegisterWrite(0, 0, 30), again.Households);
        Assert.Equal(100, again.ImportedRowCount);
        Assert.Empty(again.Errors);
        Assert.Equal(before, await _bed.SnapshotAsync());
    }

    [Fact]
    public async Task A_changed_household_is_rewritten_and_only_it()
    {
        var county = RegisterTestBed.Generate();
        var places = await _bed.AddPlacesAsync(county);
        var rows = RegisterFiles.RowsOf(county);
        await _bed.ImportAsync(places, "名册.csv", RegisterFiles.Csv(rows));
        var household = county.Households.First();
        foreach (var row in rows.Where(r => r[RegisterFiles.Column(RegisterColumns.HouseholdNumber)] == household.Number))
        {
            row[RegisterFiles.Column(RegisterColumns.ResponsibleCadre)] = "新责任人";
        }

        var report = await _bed.ImportAsync(places, "名册.csv", RegisterFiles.Csv(rows));

        Assert.Equal(new RegisterWrite(0, 1, 29), report.Households);
        Assert.Equal("新责任人", (await _bed.Store.FindHouseholdAsync(county.Code, household.Number, CancellationToken.None))!.Household.ResponsibleCadre);
    }

    [Fact]
    public async Task A_changed_household_keeps_what_its_exit_or_entry_case_decided_whatever_the_file_says()
    {
        var county = RegisterTestBed.Generate();
        var places = await _bed.AddPlacesAsync(county);
        var rows = RegisterFiles.RowsOf(county);
        await _bed.ImportAsync(places, "名册.csv", RegisterFiles.Csv(rows));
        var exited = county.Households.First(h => h.Status == PovertyStatus.NotExited);
        var relapsed = county.Households.First(h => h.Status != PovertyStatus.NotExited);
        var exit = new ExitRecord($"{county.Code}-{exited.Number}-1", new DateOnly(2020, 11, 20), null) { StandardYear = 2020, VerifiedPerCapitaNetIncome = 5200m };
        await _bed.Store.RecordExitAsync(county.Code, exited.Number, exit, CancellationToken.None);
        var entry = new EntryRecord($"{county.Code}-{relapsed.Number}-R1", new DateOnly(2020, 12, 1), EntryKind.Relapse, "因病返贫");
        await _bed.Store.RecordEntryAsync(county.Code, relapsed.Number, entry, CancellationToken.None);

        // The county's own old file, with both households changed (a new cadre) and their old 脱贫属性.
        foreach (var row in rows.Where(r => r[RegisterFiles.Column(RegisterColumns.HouseholdNumber)] is var number && (number == exited.Number || number == relapsed.Number)))
        {
            row[RegisterFiles.Column(RegisterColumns.ResponsibleCadre)] = "新责任人";
        }

        var report = await _bed.ImportAsync(places, "名册.csv", RegisterFiles.Csv(rows));

        Assert.Equal(new RegisterWrite(0, 2, 28, StatusKept: 2), report.Households);
        var afterExit = (await _bed.Store.FindHouseholdAsync(county.Code, exited.Number, CancellationToken.None))!;
        Assert.Equal(("新责任人", PovertyStatus.ExitedWithPolicy, 2020), (afterExit.Household.ResponsibleCadre, afterExit.Household.Status, afterExit.Household.ExitYear));
        Assert.Equal((exit.CaseId, exit.ExitDate, 5200m), (afterExit.Exit?.CaseId, afterExit.Exit?.ExitDate, afterExit.Exit?.VerifiedPerCapitaNetIncome));
        var afterEntry = (await _bed.Store.FindHouseholdAsync(county.Code, relapsed.Number, CancellationToken.None))!;
        Assert.Equal(("新责任人", PovertyStatus.NotExited, (int?)null), (afterEntry.Household.ResponsibleCadre, afterEntry.Household.Status, afterEntry.Household.ExitYear));
        Assert.Equal(entry, afterEntry.Entry);

        // The same file again finds them unchanged: the fingerprint is the file's, not the cases'.
        Assert.Equal(new RegisterWrite(0, 0, 30), (await _bed.ImportAsync(places, "名册.csv", RegisterFiles.Csv(rows))).Households);
    }

    [Fact]
    public async Task Counts_take_the_income_an_exit_verified_unless_the_import_is_of_a_later_year()
    {
        var county = RegisterTestBed.Generate();
        var places = await _bed.AddPlacesAsync(county);
        await _bed.ImportAsync(places, "名册.csv", RegisterFiles.Csv(RegisterFiles.RowsOf(county)));
        var poor = county.Households.Where(h => h.Status == PovertyStatus.NotExited).Take(2).ToList();
        var (verified, older) = (poor[0], poor[1]);
        await _bed.Store.RecordExitAsync(county.Code, verified.Number,
            new ExitRecord("c-1", new DateOnly(verified.Income.Year, 11, 20), null) { StandardYear = verified.Income.Year, VerifiedPerCapitaNetIncome = verified.Income.PerCapitaNetIncome + 1000m },
            CancellationToken.None);
        await _bed.Store.RecordExitAsync(county.Code, older.Number,
            new ExitRecord("c-2", new DateOnly(older.Income.Year, 11, 20), null) { StandardYear = older.Income.Year - 1, VerifiedPerCapitaNetIncome = older.Income.PerCapitaNetIncome + 1000m },
            CancellationToken.None);

        var afterVisit = await TallyAsync(county.Code, verified.Number);
        Assert.Equal((verified.Income.Year, verified.Income.PerCapitaNetIncome + 1000m), (afterVisit.IncomeYear, afterVisit.PerCapitaNetIncome));
        var newerImport = await TallyAsync(county.Code, older.Number);
        Assert.Equal((older.Income.Year, older.Income.PerCapitaNetIncome), (newerImport.IncomeYear, newerImport.PerCapitaNetIncome));
    }

    /// <summary>The household's row as counts read it (the tally's columns only).</summary>
    private async Task<HouseholdTally> TallyAsync(string countyCode, string number)
    {
        var township = (await _bed.Store.FindHouseholdAsync(countyCode, number, CancellationToken.None))!.TownshipCode;
        var row = await _bed.Tables.Households.GetEntityAsync<Azure.Data.Tables.TableEntity>(RegisterKeys.TownshipPartition(countyCode, township), RegisterKeys.HouseholdRow(number),
            HouseholdEntity.TallyColumns);
        return HouseholdEntity.TallyOf(row.Value);
    }

    [Fact]
    public async Task Duplicates_within_the_file_and_against_the_register_are_reported_without_the_number()
    {
        var county = RegisterTestBed.Generate();
        var places = await _bed.AddPlacesAsync(county);
        var rows = RegisterFiles.RowsOf(county);
        var registered = county.Households.First();
        await _bed.ImportAsync(places, "第一批.csv", RegisterFiles.Csv(rows.Take(1 + registered.Size)));

        var idColumn = RegisterFiles.Column(RegisterColumns.IdNumber);
        var rest = rows.Skip(1 + registered.Size).ToList();
        var someoneElse = rest.FindIndex(r => r[RegisterFiles.Column(RegisterColumns.Relationship)] != "户主");
        var birthDateColumn = RegisterFiles.Column(RegisterColumns.BirthDate);
        rest[someoneElse][idColumn] = registered.Head.IdNumber.Reveal();
        rest[someoneElse][birthDateColumn] = string.Empty;
        var twice = rest.FindIndex(someoneElse + 1, r => r[RegisterFiles.Column(RegisterColumns.Relationship)] != "户主");
        rest[twice][idColumn] = rest[0][idColumn];
        rest[twice][birthDateColumn] = string.Empty;

        var report = await _bed.ImportAsync(places, "第二批.csv", RegisterFiles.Csv([rows[0], .. rest]));

        Assert.Contains(report.Errors, e => e.Line == someoneElse + 2 && e.Column == RegisterColumns.IdNumber && e.Reason == $"身份证号已登记在户编号{registered.Number}中");
        Assert.Contains(report.Errors, e => e.Line == twice + 2 && e.Column == RegisterColumns.IdNumber && e.Reason == "身份证号与第2行重复");
        Assert.DoesNotContain(report.Errors, e => e.Reason.Contains(registered.Head.IdNumber.Reveal(), StringComparison.Ordinal));
        Assert.Equal(registered.Number, (await _bed.Store.FindByIdNumberAsync(county.Code, registered.Head.IdNumber, CancellationToken.None))!.Household.Number);
    }

    [Fact]
    public async Task A_file_without_the_required_columns_imports_nothing_and_says_which()
    {
        var county = RegisterTestBed.Generate();
        var places = await _bed.AddPlacesAsync(county);
        var column = RegisterFiles.Column(RegisterColumns.IdNumber);
        var rows = RegisterFiles.RowsOf(county).Select(r => r.Where((_, i) => i != column).ToArray()).ToList();

        var report = await _bed.ImportAsync(places, "名册.csv", RegisterFiles.Csv(rows));

        var error = Assert.Single(report.Errors);
        Assert.Equal(new ImportError(1, RegisterColumns.IdNumber, "缺少必填列「身份证号」"), error);
        Assert.Equal(0, report.ImportedRowCount);
        Assert.Empty(await _bed.ReadAllAsync(places));
    }

    [Fact]
    public async Task An_xlsx_workbook_with_a_title_row_shared_inline_rich_and_date_cells_imports_like_the_csv()
    {
        var county = RegisterTestBed.Generate();
        var places = await _bed.AddPlacesAsync(county);
        var rows = RegisterFiles.RowsOf(county);
        var brokenRow = 5;
        rows[brokenRow][RegisterFiles.Column(RegisterColumns.PovertyCause)] = "因懒";

        var report = await _bed.ImportAsync(places, "名册.xlsx", RegisterFiles.Xlsx(rows));

        Assert.Equal("Excel 工作簿（.xlsx）", report.Format);
        // The title is row 1 and the header row 2, so list row i is sheet row i + 2.
        var error = Assert.Single(report.Errors, e => e.Column == RegisterColumns.PovertyCause);
        Assert.Equal(brokenRow + 2, error.Line);
        Assert.DoesNotContain(report.Errors, e => e.Column == RegisterColumns.BirthDate);
        var intact = Registered(county).Where(h => h.Household.Number != rows[brokenRow][RegisterFiles.Column(RegisterColumns.HouseholdNumber)]).ToList();
        Assert.Equal(Describe(intact), Describe(await _bed.ReadAllAsync(places)));
    }

    [Fact]
    public async Task Ten_thousand_rows_import_in_one_go()
    {
        var spec = DemoCountySpec.Lufeng2020 with
        {
            Townships = ["碧城镇", "勤丰镇", "金山镇", "广通镇"],
            PoorVillages = 20,
            Households = 2700,
            People = 10_000,
            HouseholdsDueToExit = 60,
            PeopleDueToExit = 160,
            EdgeHouseholds = 200,
            MonitoredHouseholds = 110,
        };
        var county = RegisterTestBed.Generate(spec, seed: 10_000);
        var places = await _bed.AddPlacesAsync(county);
        var file = RegisterFiles.Csv(RegisterFiles.RowsOf(county), byteOrderMark: true);

        var clock = Stopwatch.StartNew();
        var report = await _bed.ImportAsync(places, "万行名册.csv", file);
        var first = clock.Elapsed;
        clock.Restart();
        var again = await _bed.ImportAsync(places, "万行名册.csv", file);
        var second = clock.Elapsed;

        output.WriteLine($"10,000 rows ({file.Length / 1024} KiB, 2,700 households): first import {first.TotalSeconds:0.00} s, re-import {second.TotalSeconds:0.00} s");
        Assert.Equal(10_000, report.RowCount);
        Assert.Equal(10_000, report.ImportedRowCount);
        Assert.Empty(report.Errors);
        Assert.Equal(new RegisterWrite(2700, 0, 0), report.Households);
        Assert.Equal(new RegisterWrite(0, 0, 2700), again.Households);
        Assert.Equal(10_000, (await _bed.ReadAllAsync(places)).Sum(h => h.Household.Size));
    }

    [Fact]
    public async Task A_cell_too_long_to_store_holds_back_its_household_instead_of_failing_the_import()
    {
        var county = RegisterTestBed.Generate();
        var places = await _bed.AddPlacesAsync(county);
        var rows = RegisterFiles.RowsOf(county);
        var household = county.Households.First(h => h.Size >= 2);
        var memberRow = rows.FindIndex(r => r[RegisterFiles.Column(RegisterColumns.IdNumber)] == household.Members[1].IdNumber.Reveal());
        rows[memberRow][RegisterFiles.Column(RegisterColumns.MemberName)] = new string('名', 40_000);

        var report = await _bed.ImportAsync(places, "名册.csv", RegisterFiles.Csv(rows));

        Assert.Contains(new ImportError(memberRow + 1, RegisterColumns.MemberName, "姓名超过100个字符，无法保存"), report.Errors);
        Assert.Equal(household.Size, report.Errors.Select(e => e.Line).Distinct().Count());
        Assert.Equal(100 - household.Size, report.ImportedRowCount);
        Assert.Null(await _bed.Store.FindHouseholdAsync(county.Code, household.Number, CancellationToken.None));
    }

    [Fact]
    public async Task The_error_report_is_kept_as_a_CSV_with_BOM_whose_formula_looking_cells_are_neutralised()
    {
        var county = RegisterTestBed.Generate();
        var places = await _bed.AddPlacesAsync(county);
        var rows = RegisterFiles.RowsOf(county);
        rows[0] = [.. rows[0], "=1+1", "=1+1"];

        var report = await _bed.ImportAsync(places, "名册.csv", RegisterFiles.Csv(rows));
        await using var stored = await _bed.Reports.OpenAsync(county.Code, report.ImportId, CancellationToken.None);
        using var buffer = new MemoryStream();
        await stored!.CopyToAsync(buffer);
        var bytes = buffer.ToArray();

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("行号,列,原因\r\n", text, StringComparison.Ordinal);
        Assert.Contains("1,'=1+1,表头「=1+1」重复出现\r\n", text, StringComparison.Ordinal);
        Assert.Null(await _bed.Reports.OpenAsync(county.Code, Guid.NewGuid(), CancellationToken.None));
        Assert.Null(await _bed.Reports.OpenAsync("..", report.ImportId, CancellationToken.None));
    }

    private static List<RegisteredHousehold> Registered(County county) =>
        county.Townships.SelectMany(t => t.Villages.SelectMany(v => v.Households.Select(h => new RegisteredHousehold(t.Code, t.Name, v.Code, v.Name, h)))).ToList();

    /// <summary>Everything the register holds about the households, in a comparable form.</summary>
    internal static List<string> Describe(IEnumerable<RegisteredHousehold> households) =>
        households
            .Select(r => string.Join('|',
                r.TownshipCode, r.Township, r.VillageCode, r.Village, r.Household.Number, r.Household.Cause, r.Household.Status, r.Household.ExitYear,
                r.Household.Monitoring, r.Household.Income, r.Household.ResponsibleCadre,
                string.Join(';', r.Household.Members.Select(m => $"{m.Name},{m.IdNumber.Reveal()},{m.Relationship}"))))
            .Order(StringComparer.Ordinal)
            .ToList();
}
