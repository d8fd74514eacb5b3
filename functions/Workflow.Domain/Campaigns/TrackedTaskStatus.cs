using Workflow.Domain.Register;

namespace Workflow.Domain.Campaigns;

/// <summary>任务状态 of a plan task as the campaign tracks it.</summary>
public enum TrackedTaskStatus
{
    /// <summary>未开始: its phase has not been entered yet.</summary>
    [ChineseTerm("未开始")] NotStarted,

    /// <summary>进行中: open, nothing owed is late (长期坚持 tasks stay here while they report on time).</summary>
    [ChineseTerm("进行中")] InProgress,

    /// <summary>已完成: the lead unit reported the target reached.</summary>
    [ChineseTerm("已完成")] Completed,

    /// <summary>逾期: a deadline or a report date has passed without what was owed.</summary>
    [ChineseTerm("逾期")] Overdue,
}
