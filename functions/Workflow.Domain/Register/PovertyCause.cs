namespace Workflow.Domain.Register;

/// <summary>致贫原因 — the main cause recorded for a household, as listed by the national registration system.</summary>
public enum PovertyCause
{
    [ChineseTerm("因病")] Illness,
    [ChineseTerm("因残")] Disability,
    [ChineseTerm("因学")] Schooling,
    [ChineseTerm("因灾")] Disaster,
    [ChineseTerm("缺土地")] LackOfLand,
    [ChineseTerm("缺水")] LackOfWater,
    [ChineseTerm("缺技术")] LackOfSkills,
    [ChineseTerm("缺劳力", "缺劳动力")] LackOfLabour,
    [ChineseTerm("缺资金")] LackOfFunds,
    [ChineseTerm("交通条件落后")] PoorTransport,
    [ChineseTerm("自身发展动力不足")] LackOfDrive,
    [ChineseTerm("其他")] Other,
}
