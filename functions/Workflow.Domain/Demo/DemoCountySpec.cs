using Workflow.Domain.Standards;

namespace Workflow.Domain.Demo;

/// <summary>The figures a demo county is generated to; <see cref="Lufeng2020"/> has 004's, tests shrink them with <c>with</c>.</summary>
/// <param name="Townships">Township names; their number is the number of townships.</param>
/// <param name="PoorVillages">贫困村; every generated village is one, and each has at least one household.</param>
/// <param name="Households">建档立卡 households on the register: those exited (已脱贫) and those still to exit (未脱贫).</param>
/// <param name="People">People in those households.</param>
/// <param name="HouseholdsDueToExit">Households not yet exited (未脱贫), all due to exit this year.</param>
/// <param name="PeopleDueToExit">People in the households due to exit.</param>
/// <param name="EdgeHouseholds">边缘户.</param>
/// <param name="MonitoredHouseholds">监测户.</param>
/// <param name="Year">The income year.</param>
/// <param name="IncomeLine">The year's poverty line; incomes are spread around it.</param>
public sealed record DemoCountySpec(
    string CountyCode,
    string CountyName,
    IReadOnlyList<string> Townships,
    int PoorVillages,
    int Households,
    int People,
    int HouseholdsDueToExit,
    int PeopleDueToExit,
    int EdgeHouseholds,
    int MonitoredHouseholds,
    int Year,
    decimal IncomeLine)
{
    public const int MaxHouseholdSize = 8;

    /// <summary>已脱贫 households: on the register, exited in an earlier year.</summary>
    public int ExitedHouseholds => Households - HouseholdsDueToExit;

    /// <summary>People in the 已脱贫 households.</summary>
    public int ExitedPeople => People - PeopleDueToExit;

    /// <summary>
    /// 禄丰县 2020 (004): 14 townships (the ones 004 names), 104 poor villages; 154 households / 404 people still to
    /// exit (未脱贫) — seed 004: “针对154户404名未脱贫人口” — and 7,095 households / 26,095 people already exited whose
    /// results are consolidated (已脱贫) — seed 004: “抓好104个贫困村和7095户26095人贫困人口脱贫成效持续巩固提升”: a
    /// register of 7,249 households / 26,499 people. 521 edge and 283 monitored households — seed 004:
    /// “抓好521户边缘户和283户监测户精准帮扶”.
    /// </summary>
    public static DemoCountySpec Lufeng2020 { get; } = new(
        "532331",
        "禄丰县",
        ["碧城镇", "勤丰镇", "金山镇", "广通镇", "土官镇", "一平浪镇", "中村乡", "黑井镇", "妥安乡", "和平镇", "仁兴镇", "彩云镇", "恐龙山镇", "高峰乡"],
        PoorVillages: 104,
        Households: 7095 + 154,
        People: 26095 + 404,
        HouseholdsDueToExit: 154,
        PeopleDueToExit: 404,
        EdgeHouseholds: 521,
        MonitoredHouseholds: 283,
        Year: 2020,
        IncomeLine: StandardCatalog.For("532331", 2020).IncomeLine);

    /// <summary>Refuses figures no county could have, with every reason at once.</summary>
    internal void Check()
    {
        var problems = new List<string>();
        if (Townships.Count == 0) problems.Add("at least one township is needed");
        if (Townships.Distinct().Count() != Townships.Count) problems.Add("township names must be unique");
        if (PoorVillages < Townships.Count) problems.Add("every township needs at least one village");
        if (PoorVillages > DemoNames.VillageNameCount) problems.Add($"at most {DemoNames.VillageNameCount} villages can be named");
        if (Households < PoorVillages) problems.Add("every village needs at least one household");
        if (HouseholdsDueToExit < 0 || HouseholdsDueToExit > Households) problems.Add("households due to exit must be between 0 and the household count");
        if (!Fits(HouseholdsDueToExit, PeopleDueToExit)) problems.Add("people due to exit do not fit the households due to exit");
        if (!Fits(Households - HouseholdsDueToExit, People - PeopleDueToExit)) problems.Add("the remaining people do not fit the remaining households");
        if (EdgeHouseholds < 0 || MonitoredHouseholds < 0 || EdgeHouseholds + MonitoredHouseholds > Households - HouseholdsDueToExit)
        {
            problems.Add("edge and monitored households are drawn from exited households and cannot outnumber them");
        }

        if (IncomeLine <= 0) problems.Add("the income line must be positive");
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Demo county spec is not possible: {string.Join("; ", problems)}.");
        }
    }

    private static bool Fits(int households, int people) =>
        people >= households && people <= households * MaxHouseholdSize && (households > 0 || people == 0);
}
