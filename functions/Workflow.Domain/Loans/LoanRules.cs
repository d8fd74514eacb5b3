namespace Workflow.Domain.Loans;

/// <summary>
/// The rules of 扶贫小额信贷 as shipped data (Loans/Rules/default.json), each with the seed sentence it comes from:
/// the 5 万元 and 3 年 limits (000), the 60-day and the written 30-day notice (004), the monthly usage check and the
/// half-yearly interest subsidy (002).
/// </summary>
public sealed record LoanRules(
    LoanRule MaxAmount,
    LoanRule MaxTermYears,
    LoanNoticeRule PreparationNotice,
    LoanNoticeRule WrittenNotice,
    LoanRule UsageCheck,
    LoanRule InterestSubsidy)
{
    /// <summary>The rules every county has unless it configures its own.</summary>
    public static LoanRules Default { get; } = EmbeddedData.ReadAll<LoanRules>("Loans.Rules").Single();

    /// <summary>The notices before the due date, earliest first.</summary>
    public IReadOnlyList<LoanNoticeRule> Notices => [.. new[] { PreparationNotice, WrittenNotice }.OrderByDescending(n => n.DaysBeforeDue)];

    /// <summary>The notice <paramref name="daysBeforeDue"/> days before the due date; null when there is none.</summary>
    public LoanNoticeRule? NoticeAt(int daysBeforeDue) => Notices.FirstOrDefault(n => n.DaysBeforeDue == daysBeforeDue);
}

/// <summary>A limit or an interval (元, 年 or 月 as its name says), with its source.</summary>
public sealed record LoanRule(int Value, string Basis, string? Seed, string? Quote);

/// <summary>A notice (通知) to the borrower a number of calendar days (天) before the due date; <see cref="Written"/> for 书面通知.</summary>
public sealed record LoanNoticeRule(int DaysBeforeDue, bool Written, string Basis, string? Seed, string? Quote)
{
    /// <summary>e.g. 到期前60天还款准备通知, 到期前30天书面还款通知.</summary>
    public string Title => Written ? $"到期前{DaysBeforeDue}天书面还款通知" : $"到期前{DaysBeforeDue}天还款准备通知";
}
