using Workflow.Domain.Calendar;

namespace Workflow.App.Rectification;

/// <summary>Today in Beijing, the date the ledger's overdue rules read.</summary>
internal static class LedgerToday
{
    public static DateOnly Of(TimeProvider time) => ShanghaiTime.DateOf(time.GetUtcNow());
}
