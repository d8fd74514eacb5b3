using Workflow.Domain.Loans;

namespace Workflow.App.Loans;

/// <summary>
/// The console's loan lists for a county on a day: loans past their due date (逾期: the bank's file has no repayments,
/// so a loan past due is listed until the bank's next ledger drops it), loans due within the first notice's days (60,
/// 004), and loans over a limit of 000; each by township, then due date.
/// </summary>
public sealed record LoanWatchList(DateOnly Today, IReadOnlyList<LoanWatchLine> Overdue, IReadOnlyList<LoanWatchLine> DueSoon, IReadOnlyList<LoanWatchLine> Flagged)
{
    public static LoanWatchList Of(IEnumerable<LoanRecord> records, DateOnly today, LoanRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var window = rules.Notices.Max(n => n.DaysBeforeDue);
        var lines = records.Select(r => new LoanWatchLine(r, r.Loan.DueDate.DayNumber - today.DayNumber, r.Loan.FlagsUnder(rules).Select(f => LoanExcessText.Of(f, rules)).ToList()))
            .OrderBy(l => l.Record.TownshipCode, StringComparer.Ordinal).ThenBy(l => l.Record.Loan.DueDate).ThenBy(l => l.Record.Loan.LoanNumber, StringComparer.Ordinal)
            .ToList();
        return new LoanWatchList(today,
            [.. lines.Where(l => l.DaysLeft < 0)],
            [.. lines.Where(l => l.DaysLeft >= 0 && l.DaysLeft <= window)],
            [.. lines.Where(l => l.Flags.Count > 0)]);
    }

    /// <summary>Per township: how many loans are overdue and due soon, for the summary table.</summary>
    public IReadOnlyList<(string Township, int Overdue, int DueSoon)> ByTownship() =>
        [.. Overdue.Concat(DueSoon).GroupBy(l => (l.Record.TownshipCode, l.Record.Township)).OrderBy(g => g.Key.TownshipCode, StringComparer.Ordinal)
            .Select(g => (g.Key.Township, g.Count(l => l.DaysLeft < 0), g.Count(l => l.DaysLeft >= 0)))];
}

/// <summary>A loan on a list: days left to its due date (negative when overdue) and what it exceeds.</summary>
public sealed record LoanWatchLine(LoanRecord Record, int DaysLeft, IReadOnlyList<string> Flags)
{
    public string State => DaysLeft < 0 ? $"已逾期 {-DaysLeft} 天" : DaysLeft == 0 ? "今日到期" : $"{DaysLeft} 天后到期";

    public string NoticesSent => Record.Notices.Count == 0 ? "未发"
        : string.Join("、", Record.Notices.OrderByDescending(n => n.DaysBeforeDue).Select(n => $"{n.DaysBeforeDue}天{(n.Written ? "（书面）" : string.Empty)}{Pages.Shown.Time(n.SentAt)}"));
}
