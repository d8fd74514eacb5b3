using Workflow.Domain.Standards;

namespace Workflow.Domain.Register;

/// <summary>
/// How many households one 帮扶责任人 may hold, with the sentence it comes from. A county's rule set
/// (Standards/RuleSets, <c>cadreLimit</c>) carries its own; a county without one gets <see cref="Default"/>.
/// </summary>
/// <param name="MaxHouseholds">The most households one cadre may hold.</param>
/// <param name="Basis">The seed file and the sentence quoted, or that it is an assumption.</param>
public sealed record CadreLimit(int MaxHouseholds, string Basis)
{
    /// <summary>
    /// 003 (兰山区 2018 年巩固提升脱贫攻坚成效工作要点) is another district's plan: its 5 is the default for every
    /// county, which a county changes in its rule set.
    /// </summary>
    public static CadreLimit Default { get; } = new(5,
        "003: “区委组织部调整优化贫困户稳定脱贫帮扶责任人，每人帮扶不超过 5 户，帮扶期限到 2020 年” — 兰山区's rule, the default for every county; configurable per county.");

    /// <summary>The county's limit for the year: that year's rule set, else its latest one, else <see cref="Default"/>.</summary>
    public static CadreLimit Of(string countyCode, int year)
    {
        var ruleSets = StandardCatalog.All.Where(r => r.CountyCode == countyCode).ToList();
        var ruleSet = ruleSets.SingleOrDefault(r => r.Year == year) ?? ruleSets.MaxBy(r => r.Year);
        return ruleSet?.CadreLimit ?? Default;
    }
}
