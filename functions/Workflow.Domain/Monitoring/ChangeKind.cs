using Workflow.Domain.Register;

namespace Workflow.Domain.Monitoring;

/// <summary>
/// 变动类型 — a line of the month-end change report. Seed 002_5f21325f1a4d38f3.txt: “指派专人每月统计一次辖区内新发生的符合纳入条件贫困人口、返贫人口、自然死亡贫困人口数量，详细记录每名贫困人口调整变动原因，月底前上报扶贫办。”
/// The exits (脱贫退出) are the other side of the same adjustment and are listed with them.
/// </summary>
public enum ChangeKind
{
    /// <summary>新识别.</summary>
    [ChineseTerm("新识别")] NewEntry,

    /// <summary>返贫.</summary>
    [ChineseTerm("返贫")] Relapse,

    /// <summary>脱贫退出.</summary>
    [ChineseTerm("脱贫退出")] Exit,

    /// <summary>自然死亡.</summary>
    [ChineseTerm("自然死亡")] Death,
}
