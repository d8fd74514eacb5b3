using Workflow.App.Durable;

namespace Workflow.App.Loans.Orchestration;

/// <summary>The activities of a loan's maturity orchestration, by the names they are registered under.</summary>
public static class LoanActivities
{
    public const string Schedule = "LoanSchedule";
    public const string SendNotice = "LoanSendNotice";
}

/// <summary>A loan of a county's ledger, with the due date its notices count from (null in instances started before due dates could move).</summary>
public sealed record LoanInput(string CountyCode, string LoanNumber, DateOnly? DueDate = null);

/// <summary>One notice of a loan: its days before which due date (null: the loan's current one).</summary>
public sealed record LoanNoticeInput(string CountyCode, string LoanNumber, int DaysBeforeDue, DateOnly? DueDate = null);

/// <summary>When each notice is due, earliest first, and the county clock as it read then.</summary>
public sealed record LoanSchedule(IReadOnlyList<ScheduledNotice> Notices, CountyClockReading Reading);

/// <summary>A notice due at the start of its day in Beijing.</summary>
public sealed record ScheduledNotice(int DaysBeforeDue, DateTimeOffset At);
