using Workflow.Domain.Register;

namespace Workflow.Domain.Monitoring;

/// <summary>
/// 12类群体 — the special groups of registered households kept in a ledger and checked every month. Seed
/// 004_3b47c13935180312.txt: “针对建档立卡贫困户中的老人户、独人户、重病户、残疾人户、C、D级危房户、五保户、低保户、大学生家庭户、新识别贫困户、返贫户、辍学家庭户、无劳动能力户12类群体，建立台账分类管理，每月一次监测研判，分类施策、多措并举，确保卡内特困群体零返贫、卡外特困群体无致贫。”
/// (“C、D级危房户” is one group: that makes twelve.)
/// </summary>
public enum SpecialGroup
{
    /// <summary>老人户.</summary>
    [ChineseTerm("老人户")] Elderly,

    /// <summary>独人户.</summary>
    [ChineseTerm("独人户")] SinglePerson,

    /// <summary>重病户.</summary>
    [ChineseTerm("重病户")] SeriousIllness,

    /// <summary>残疾人户.</summary>
    [ChineseTerm("残疾人户")] Disability,

    /// <summary>C、D级危房户 (one group: houses rated C or D).</summary>
    [ChineseTerm("C、D级危房户", "C级危房户", "D级危房户")] DilapidatedHousing,

    /// <summary>五保户.</summary>
    [ChineseTerm("五保户")] FiveGuarantees,

    /// <summary>低保户.</summary>
    [ChineseTerm("低保户")] MinimumLivingAllowance,

    /// <summary>大学生家庭户.</summary>
    [ChineseTerm("大学生家庭户")] UniversityStudent,

    /// <summary>新识别贫困户.</summary>
    [ChineseTerm("新识别贫困户")] NewlyIdentified,

    /// <summary>返贫户.</summary>
    [ChineseTerm("返贫户")] Relapsed,

    /// <summary>辍学家庭户.</summary>
    [ChineseTerm("辍学家庭户")] SchoolDropout,

    /// <summary>无劳动能力户.</summary>
    [ChineseTerm("无劳动能力户")] NoWorkCapacity,
}

/// <summary>The twelve groups and where they come from.</summary>
public static class SpecialGroups
{
    public const string Seed = "004_3b47c13935180312.txt";

    /// <summary>The sentence of 004 that lists the groups and asks for a monthly check of each.</summary>
    public static Citation Citation { get; } = new(
        "special-groups",
        "004 lists twelve groups of registered households to keep in a ledger and check every month.",
        Seed,
        "针对建档立卡贫困户中的老人户、独人户、重病户、残疾人户、C、D级危房户、五保户、低保户、大学生家庭户、新识别贫困户、返贫户、辍学家庭户、无劳动能力户12类群体，建立台账分类管理，每月一次监测研判，分类施策、多措并举，确保卡内特困群体零返贫、卡外特困群体无致贫。");

    /// <summary>The monthly check and the quarterly sweep (一月一监测，一季一排查).</summary>
    public static Citation Cadence { get; } = new(
        "monitoring-cadence",
        "004 asks for a check every month and a sweep every quarter.",
        Seed,
        "实施贫困人口分类管理，严格推动监测预警机制的有效执行，一月一监测，一季一排查，用 9 个月左右的时间组织开展对所有建档立卡贫困户的问题清零、质量提升“回头看”专项行动，认真查找短板缺项，一项一项整改清零，一户一户对账销号。");

    public static IReadOnlyList<SpecialGroup> All { get; } = Enum.GetValues<SpecialGroup>();
}
