using Workflow.Domain.Register;

namespace Workflow.Domain.Rectification;

/// <summary>整改状态 — where a rectification item stands.</summary>
public enum RectificationStatus
{
    /// <summary>待整改: entered, not yet handed to the responsible unit.</summary>
    [ChineseTerm("待整改")] Open,

    /// <summary>整改中: the unit has it (again, after a send-back).</summary>
    [ChineseTerm("整改中")] InProgress,

    /// <summary>已提交: the unit has submitted its evidence; the county verifies.</summary>
    [ChineseTerm("已提交", "待核验")] Submitted,

    /// <summary>已销号: verified and closed.</summary>
    [ChineseTerm("已销号", "已整改")] Closed,
}
