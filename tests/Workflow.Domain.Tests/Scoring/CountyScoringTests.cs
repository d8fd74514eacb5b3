using Workflow.Domain.Scoring;

namespace Workflow.Domain.Tests.Scoring;

/// <summary>Each county is scored by its own document: 洮南's flags (002) are not 禄丰's list (004).</summary>
public class CountyScoringTests
{
    private const string Taonan = "220881";
    private const string Lufeng = "532331";

    private static readonly (string, decimal)[] Seven = [("a", 95m), ("b", 90m), ("c", 80m), ("d", 75m), ("e", 59m), ("f", 50m), ("g", 40m)];

    private static TownshipOutcome[] Outcomes(string county) =>
        TownshipRanking.Rank(Seven, TownshipScoring.For(county)).Select(p => p.Outcome).ToArray();

    [Fact]
    public void Lufeng_gets_no_flags_but_its_quarterly_plus_and_minus_list()
    {
        Assert.Equal(
            [TownshipOutcome.Commended, TownshipOutcome.Commended, TownshipOutcome.None, TownshipOutcome.None,
             TownshipOutcome.Criticised, TownshipOutcome.Criticised, TownshipOutcome.Criticised],
            Outcomes(Lufeng));
        Assert.Equal(RecognitionKind.QuarterlyList, TownshipScoring.For(Lufeng).Recognition.Kind);
        Assert.Contains(TownshipScoring.For(Lufeng).Citations, c => c.Seed == "004_3b47c13935180312.txt" && c.Quote!.Contains("累积加分或扣分", StringComparison.Ordinal));
    }

    [Fact]
    public void Taonan_keeps_its_red_and_yellow_flags_from_its_own_document()
    {
        Assert.Equal(
            [TownshipOutcome.RedFlag, TownshipOutcome.RedFlag, TownshipOutcome.RedFlag, TownshipOutcome.None,
             TownshipOutcome.None, TownshipOutcome.YellowFlag, TownshipOutcome.YellowFlag],
            Outcomes(Taonan));
        Assert.Contains(TownshipScoring.For(Taonan).Citations, c => c.Seed == "002_5f21325f1a4d38f3.txt" && c.Quote!.Contains("流动红旗", StringComparison.Ordinal));
    }

    [Fact]
    public void A_county_without_its_own_rule_is_ranked_only()
    {
        Assert.All(Outcomes("999999"), o => Assert.Equal(TownshipOutcome.None, o));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], TownshipRanking.Rank(Seven, TownshipScoring.For("999999")).Select(p => p.Rank));
    }

    [Fact]
    public void Every_shipped_rule_weighs_to_100_and_states_its_weights_as_an_assumption() =>
        Assert.All(TownshipScoring.All, s =>
        {
            Assert.Equal(100m, s.TotalWeight);
            Assert.Contains(s.Citations, c => c.About == "weights" && c.Seed is null && c.Basis.Contains("assumption", StringComparison.Ordinal));
        });
}
