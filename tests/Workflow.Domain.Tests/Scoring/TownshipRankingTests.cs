using Workflow.Domain.Scoring;

namespace Workflow.Domain.Tests.Scoring;

public class TownshipRankingTests
{
    /// <summary>洮南's rule (002): three red flags, two yellow ones, line 60.</summary>
    private static readonly TownshipScoring Line60 = TownshipScoring.For("220881");

    private static Dictionary<string, TownshipOutcome> Flags(params (string Code, decimal Total)[] totals) =>
        TownshipRanking.Rank(totals, Line60).ToDictionary(p => p.TownshipCode, p => p.Outcome);

    [Fact]
    public void The_top_three_above_the_line_get_red_and_the_bottom_two_below_it_yellow()
    {
        var places = TownshipRanking.Rank([("a", 90m), ("b", 85m), ("c", 80m), ("d", 75m), ("e", 59m), ("f", 50m), ("g", 40m)], Line60);

        Assert.Equal(["a", "b", "c", "d", "e", "f", "g"], places.Select(p => p.TownshipCode));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], places.Select(p => p.Rank));
        Assert.Equal(
            [TownshipOutcome.RedFlag, TownshipOutcome.RedFlag, TownshipOutcome.RedFlag, TownshipOutcome.None, TownshipOutcome.None, TownshipOutcome.YellowFlag, TownshipOutcome.YellowFlag],
            places.Select(p => p.Outcome));
    }

    [Fact]
    public void Equal_totals_share_a_rank_and_a_tie_on_a_flag_place_flags_every_tied_township()
    {
        var places = TownshipRanking.Rank([("a", 90m), ("b", 80m), ("c", 70m), ("d", 70m), ("e", 55m), ("f", 50m), ("g", 50m)], Line60);

        Assert.Equal([1, 2, 3, 3, 5, 6, 6], places.Select(p => p.Rank));
        var flags = places.ToDictionary(p => p.TownshipCode, p => p.Outcome);
        Assert.Equal(TownshipOutcome.RedFlag, flags["c"]);
        Assert.Equal(TownshipOutcome.RedFlag, flags["d"]);
        Assert.Equal(TownshipOutcome.None, flags["e"]);
        Assert.Equal(TownshipOutcome.YellowFlag, flags["f"]);
        Assert.Equal(TownshipOutcome.YellowFlag, flags["g"]);
    }

    [Fact]
    public void A_tie_above_the_third_place_keeps_the_others_off_the_red_flag()
    {
        var flags = Flags(("a", 95m), ("b", 95m), ("c", 95m), ("d", 95m), ("e", 94m));

        Assert.Equal([TownshipOutcome.RedFlag, TownshipOutcome.RedFlag, TownshipOutcome.RedFlag, TownshipOutcome.RedFlag, TownshipOutcome.None], flags.Values);
    }

    [Fact]
    public void With_fewer_than_five_townships_the_line_keeps_red_and_yellow_apart()
    {
        var three = TownshipRanking.Rank([("a", 70m), ("b", 58m), ("c", 40m)], Line60).ToDictionary(p => p.TownshipCode);
        Assert.Equal(TownshipOutcome.RedFlag, three["a"].Outcome);
        Assert.Equal(TownshipOutcome.YellowFlag, three["b"].Outcome);
        Assert.Equal(TownshipOutcome.YellowFlag, three["c"].Outcome);

        Assert.Equal([TownshipOutcome.RedFlag, TownshipOutcome.RedFlag], Flags(("a", 70m), ("b", 65m)).Values);
        Assert.Equal([TownshipOutcome.YellowFlag], Flags(("a", 10m)).Values);
        Assert.Empty(TownshipRanking.Rank([], Line60));
    }

    [Fact]
    public void Everyone_above_the_line_means_no_yellow_flag_and_everyone_below_no_red_one()
    {
        Assert.DoesNotContain(TownshipOutcome.YellowFlag, Flags(("a", 90m), ("b", 80m), ("c", 70m), ("d", 65m), ("e", 61m), ("f", 60m)).Values);
        Assert.DoesNotContain(TownshipOutcome.RedFlag, Flags(("a", 59m), ("b", 50m), ("c", 40m), ("d", 30m), ("e", 20m)).Values);
    }

    [Fact]
    public void The_total_weighs_each_measure_score()
    {
        // Exits 8 of 10 (80), 1 of 4 items overdue (75), 30 of 200 people poor (15% → 85), 1 of 5 steps escalated (80).
        var measures = new TownshipMeasures(8, 10, 4, 1, 30, 200, 5, 1);

        Assert.Equal(80m, measures.ExitProgressScore);
        Assert.Equal(75m, measures.RectificationScore);
        Assert.Equal(15m, measures.Incidence);
        Assert.Equal(85m, measures.IncidenceScore);
        Assert.Equal(80m, measures.ExitStepScore);
        Assert.Equal(80m, TownshipScoring.Default.Total(measures)); // (40·80 + 20·75 + 20·85 + 20·80) / 100
        Assert.Equal(79.5m, TownshipScoring.For("220881").Total(measures)); // (30·80 + 30·75 + 20·85 + 20·80) / 100
    }

    [Fact]
    public void A_measure_with_nothing_to_measure_scores_full_and_exits_beyond_the_target_count_as_the_target()
    {
        var nothing = new TownshipMeasures(0, 0, 0, 0, 0, 0, 0, 0);
        Assert.Equal(100m, TownshipScoring.Default.Total(nothing));
        Assert.Equal(100m, new TownshipMeasures(12, 10, 0, 0, 0, 0, 0, 0).ExitProgressScore);
    }
}
