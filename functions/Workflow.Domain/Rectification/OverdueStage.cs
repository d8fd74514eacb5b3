using Workflow.Domain.Register;

namespace Workflow.Domain.Rectification;

/// <summary>How far an overdue item has been escalated: first a 督办单 with a new deadline, then a 约谈.</summary>
public enum OverdueStage
{
    [ChineseTerm("未超期")] None,

    /// <summary>督办: a supervision notice went out with a new deadline.</summary>
    [ChineseTerm("已督办")] Supervised,

    /// <summary>约谈: overdue a second time; the unit's head is summoned.</summary>
    [ChineseTerm("已约谈")] Summoned,
}
