using Workflow.Domain.Register;

namespace Workflow.Domain.Campaigns;

/// <summary>
/// 报送节点 — a date by which the lead unit owes something on a task: the task done (完成时限), a periodic report of a
/// 长期坚持 task, or its part of a county-wide progress report (004: 3月20日、6月20日、9月20日前).
/// </summary>
/// <param name="Key">Stable within the task, e.g. due-20200630; it names the report link's step.</param>
/// <param name="WindowStart">First day a report counts for this point.</param>
public sealed record DuePoint(string Key, DuePointKind Kind, DateOnly WindowStart, DateOnly Date);

/// <summary>What a due point asks for.</summary>
public enum DuePointKind
{
    /// <summary>完成时限: a report that the target is reached.</summary>
    [ChineseTerm("完成时限")] Deadline,

    /// <summary>定期报送: a progress report of a 长期坚持 task in each reporting cycle.</summary>
    [ChineseTerm("定期报送")] Cycle,

    /// <summary>全县报送进展: the lead unit's progress report on the task by the plan's report date.</summary>
    [ChineseTerm("报送进展")] CountyReport,
}

/// <summary>How often a 长期坚持 task reports when the plan gives no date: monthly by default, quarterly where a county chooses.</summary>
public enum ReportingCycle
{
    Monthly,
    Quarterly,
}

/// <summary>A progress report as the schedule counts it.</summary>
public sealed record ReportFact(DateTimeOffset At, bool Completed);
