using Workflow.Domain.Loans;
using Workflow.Domain.Tests.Sources;

namespace Workflow.Domain.Tests.Loans;

public class LoanImportBatchTests
{
    private static Dictionary<string, string?> Row(string number, string amount = "30000", string start = "2025-03-01", string due = "2027-03-01",
        string household = "532331101200001", string borrower = "张三", string bank = "禄丰县农村信用合作联社") => new()
    {
        [LoanColumns.LoanNumber] = number,
        [LoanColumns.HouseholdNumber] = household,
        [LoanColumns.Borrower] = borrower,
        [LoanColumns.Amount] = amount,
        [LoanColumns.StartDate] = start,
        [LoanColumns.DueDate] = due,
        [LoanColumns.Bank] = bank,
    };

    [Fact]
    public void A_duplicate_loan_number_keeps_the_first_and_reports_the_rest_by_line()
    {
        var batch = new LoanImportBatch(LoanRules.Default);
        batch.Add(Row("DK001"), 2);
        batch.Add(Row("DK002"), 3);
        batch.Add(Row("dk001", amount: "1000"), 4);
        batch.Add(Row("DK001"), 5);

        Assert.Equal([2, 3], batch.Loans.Select(l => l.Line));
        Assert.Equal(30000m, batch.Loans[0].Loan.Amount);
        Assert.Equal([4, 5], batch.Errors.Select(e => e.Line));
        Assert.All(batch.Errors, e => Assert.Equal(LoanColumns.LoanNumber, e.Column));
        Assert.Contains("与第2行重复", batch.Errors[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_rows_are_reported_by_line_and_column_and_the_good_rows_kept()
    {
        var batch = new LoanImportBatch(LoanRules.Default);
        batch.Add(Row("DK001"), 2);
        batch.Add(Row("DK002", amount: "三万", due: "2027-02-30"), 3);
        batch.Add(Row("DK003", amount: "-5", borrower: ""), 4);
        batch.Add(Row("DK/004", start: "2026-05-01", due: "2026-04-01"), 5);
        batch.Add(Row("DK005"), 6);

        Assert.Equal([2, 6], batch.Loans.Select(l => l.Line));
        Assert.Equal(
            [(3, LoanColumns.Amount), (3, LoanColumns.DueDate), (4, LoanColumns.Borrower), (4, LoanColumns.Amount), (5, LoanColumns.LoanNumber), (5, LoanColumns.DueDate)],
            batch.Errors.Select(e => (e.Line, e.Column)));
        Assert.Contains("不是数字", batch.Errors[0].Reason, StringComparison.Ordinal);
        Assert.Contains("不是有效日期", batch.Errors[1].Reason, StringComparison.Ordinal);
        Assert.Equal("借款人不能为空", batch.Errors[2].Reason);
        Assert.Equal("贷款金额应大于 0 元", batch.Errors[3].Reason);
        Assert.Equal("到期日期应晚于放款日期", batch.Errors[5].Reason);
    }

    [Fact]
    public void Over_50000_yuan_or_over_3_years_is_a_flag_not_an_error()
    {
        var batch = new LoanImportBatch(LoanRules.Default);
        batch.Add(Row("DK001", amount: "50000", start: "2024-03-01", due: "2027-03-01"), 2);
        batch.Add(Row("DK002", amount: "50,000.01"), 3);
        batch.Add(Row("DK003", start: "2024-03-01", due: "2027-03-02"), 4);
        batch.Add(Row("DK004", amount: "80000", start: "2023-01-01", due: "2027-01-01"), 5);

        Assert.Empty(batch.Errors);
        Assert.Equal(4, batch.Loans.Count);
        Assert.Equal(
            [(3, new[] { LoanExcess.OverAmount }), (4, [LoanExcess.OverTerm]), (5, [LoanExcess.OverAmount, LoanExcess.OverTerm])],
            batch.Flagged().Select(f => (f.Line, f.Flags.ToArray())));
        Assert.Equal("金额超过 50,000 元", LoanExcessText.Of(LoanExcess.OverAmount, LoanRules.Default));
    }

    [Fact]
    public void A_row_refused_afterwards_leaves_the_kept_rows_and_is_reported()
    {
        var batch = new LoanImportBatch(LoanRules.Default);
        batch.Add(Row("DK001"), 2);
        batch.Add(Row("DK002"), 3);
        batch.Refuse(2, LoanColumns.HouseholdNumber, "户编号不在名册中");

        Assert.Equal([3], batch.Loans.Select(l => l.Line));
        Assert.Equal((2, LoanColumns.HouseholdNumber), (batch.Errors[0].Line, batch.Errors[0].Column));
    }
}

public class LoanRulesTests
{
    [Fact]
    public void The_shipped_rules_are_50000_yuan_3_years_notices_at_60_and_30_days_the_30_day_one_written_monthly_checks_half_yearly_subsidy()
    {
        var rules = LoanRules.Default;
        Assert.Equal(50000, rules.MaxAmount.Value);
        Assert.Equal(3, rules.MaxTermYears.Value);
        Assert.Equal([(60, false), (30, true)], rules.Notices.Select(n => (n.DaysBeforeDue, n.Written)));
        Assert.Equal(1, rules.UsageCheck.Value);
        Assert.Equal(6, rules.InterestSubsidy.Value);
        Assert.Equal("到期前30天书面还款通知", rules.WrittenNotice.Title);
    }

    [Fact]
    public void Every_rule_quotes_its_seed_verbatim()
    {
        var rules = LoanRules.Default;
        var cited = new (string About, string? Seed, string? Quote)[]
        {
            ("maxAmount", rules.MaxAmount.Seed, rules.MaxAmount.Quote), ("maxTermYears", rules.MaxTermYears.Seed, rules.MaxTermYears.Quote),
            ("preparationNotice", rules.PreparationNotice.Seed, rules.PreparationNotice.Quote), ("writtenNotice", rules.WrittenNotice.Seed, rules.WrittenNotice.Quote),
            ("usageCheck", rules.UsageCheck.Seed, rules.UsageCheck.Quote), ("interestSubsidy", rules.InterestSubsidy.Seed, rules.InterestSubsidy.Quote),
        };
        Assert.Equal(string.Empty, string.Concat(cited.Select(c => SeedDocuments.Problem(c.About, c.Seed!, c.Quote!))));
    }

    [Fact]
    public void A_notice_falls_its_days_before_the_due_date_in_calendar_days()
    {
        var loan = new SmallLoan("DK001", "1", "张三", 30000, new DateOnly(2025, 5, 1), new DateOnly(2026, 5, 1), "银行");
        Assert.Equal(new DateOnly(2026, 3, 2), loan.NoticeDate(60));
        Assert.Equal(new DateOnly(2026, 4, 1), loan.NoticeDate(30));
    }
}
