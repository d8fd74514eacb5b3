using Workflow.Domain.Register;

namespace Workflow.Domain.Monitoring;

/// <summary>风险类别 — a kind of new risk a monthly check reports.</summary>
public enum RiskKind
{
    /// <summary>重病.</summary>
    [ChineseTerm("重病")] SeriousIllness,

    /// <summary>灾害.</summary>
    [ChineseTerm("灾害")] Disaster,

    /// <summary>失业/务工中断.</summary>
    [ChineseTerm("失业/务工中断")] LostWork,

    /// <summary>家庭成员死亡.</summary>
    [ChineseTerm("家庭成员死亡")] Death,

    /// <summary>其他.</summary>
    [ChineseTerm("其他")] Other,
}
