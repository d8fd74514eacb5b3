using System.Net;
using System.Text;
using Workflow.Domain.Loans;
using Xunit;

namespace Workflow.App.Tests.Loans;

/// <summary>Issue 21, item 3's Bad input: a bank file's bad rows by line and column, the good rows kept, duplicates keep the first.</summary>
public class LoanImportTests
{
    [Fact]
    public async Task A_bad_bank_file_keeps_the_good_rows_reports_the_rest_by_line_and_column_and_flags_the_large_and_long_loans()
    {
        await using var bed = await LoanTestBed.StartAsync();
        var first = bed.Household(0).Household.Number;
        var second = bed.Household(1).Household.Number;
        var due = bed.Today.AddDays(400);
        var file = LoanTestBed.Csv(
            LoanTestBed.Row("DK001", first, due),                                   // line 2: kept
            LoanTestBed.Row("DK001", second, due),                                  // line 3: duplicate of line 2
            LoanTestBed.Row("DK002", second, due, amount: "abc"),                   // line 4: amount
            LoanTestBed.Row("DK003", "999999999999999", due),                       // line 5: not on the register
            LoanTestBed.Row("DK004", second, due, amount: "80000"),                 // line 6: kept, flagged over 50,000
            LoanTestBed.Row("DK005", second, due, start: due.AddYears(-4)),          // line 7: kept, flagged over 3 years
            LoanTestBed.Row("dk001", second, due));                                 // line 8: duplicate of line 2, in other case

        var report = await bed.ImportAsync(file);

        Assert.Equal((7, 3, 0), (report.Rows, report.Imported, report.AlreadyInLedger));
        Assert.Equal([(3, LoanColumns.LoanNumber), (4, LoanColumns.Amount), (5, LoanColumns.HouseholdNumber), (8, LoanColumns.LoanNumber)],
            report.Errors.Select(e => (e.Line, e.Column)));
        Assert.Contains("与第2行重复", report.Errors[0].Reason, StringComparison.Ordinal);
        Assert.Contains("不在", report.Errors[2].Reason, StringComparison.Ordinal);
        Assert.Equal([(6, "DK004"), (7, "DK005")], report.Flags.Select(f => (f.Line, f.LoanNumber)));
        Assert.Equal(first, (await bed.LoanAsync("DK001"))!.Loan.HouseholdNumber);
        Assert.Null(await bed.LoanAsync("DK003"));

        var console = await bed.County.GetStringAsync($"/console/loans?county={bed.Places.Code}");
        Assert.Contains("data-loan=\"DK004\"", console, StringComparison.Ordinal);
        Assert.Contains("金额超过 50,000 元", console, StringComparison.Ordinal);
        var csv = await bed.County.GetByteArrayAsync($"/console/loans?county={bed.Places.Code}&format=csv");
        Assert.Equal(Encoding.UTF8.GetPreamble(), csv[..3]);
        Assert.Contains("期限超过 3 年", Encoding.UTF8.GetString(csv), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_without_the_ledger_columns_is_refused_in_zh_CN_and_nothing_is_imported()
    {
        await using var bed = await LoanTestBed.StartAsync();
        var response = await bed.PostLedgerAsync([.. Encoding.UTF8.GetBytes("贷款编号,户编号,借款人\r\nDK001,1,张三\r\n")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("缺少列", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await bed.LoanAsync("DK001"));
    }

    [Fact]
    public async Task The_console_lists_loans_due_within_60_days_and_overdue_per_township()
    {
        await using var bed = await LoanTestBed.StartAsync();
        var household = bed.Household(0).Household.Number;
        await bed.ImportAsync(LoanTestBed.Csv(
            LoanTestBed.Row("DK101", household, bed.Today.AddDays(45)),
            LoanTestBed.Row("DK102", household, bed.Today.AddDays(200))));
        bed.Clock.Advance(TimeSpan.FromDays(50));
        await bed.SignInAgainAsync();

        var html = await bed.County.GetStringAsync($"/console/loans?county={bed.Places.Code}");

        var overdue = html[html.IndexOf("id=\"loans-overdue\"", StringComparison.Ordinal)..html.IndexOf("id=\"loans-due\"", StringComparison.Ordinal)];
        Assert.Contains("data-loan=\"DK101\"", overdue, StringComparison.Ordinal);
        Assert.Contains("已逾期 5 天", overdue, StringComparison.Ordinal);
        Assert.DoesNotContain("DK102", html, StringComparison.Ordinal);
        Assert.Contains(bed.Places.Townships[0].Name, html, StringComparison.Ordinal);
    }
}
