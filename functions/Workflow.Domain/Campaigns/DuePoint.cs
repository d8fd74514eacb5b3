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

/// <summary>报送频次 — how often a 长期坚持 task reports between its dates: monthly by default; each plan task may set its own.</summary>
public enum ReportingCycle
{
    /// <summary>每月: a report by each month's last day.</summary>
    [ChineseTerm("每月")] Monthly,

    /// <summary>每季度: a report by each quarter's last day (31 March, 30 June, 30 September, 31 December).</summary>
    [ChineseTerm("每季度")] Quarterly,

    /// <summary>每半月: a report by the 15th and by the month's last day.</summary>
    [ChineseTerm("每半月")] HalfMonthly,

    /// <summary>一次: no periodic report; only the 完成时限 and the plan's county-wide report dates.</summary>
    [ChineseTerm("一次")] Once,
}

/// <summary>A progress report as the schedule counts it.</summary>
public sealed record ReportFact(DateTimeOffset At, bool Completed);
