namespace Workflow.Domain.Scoring;

/// <summary>One township's place in a quarter's ranking.</summary>
/// <param name="Rank">1 for the best; townships with equal totals share a rank and the next rank is skipped (1, 2, 2, 4).</param>
public sealed record TownshipPlace(string TownshipCode, decimal Total, int Rank, TownshipOutcome Outcome);

/// <summary>
/// 季度排名: ranks a county's townships by weighted total and gives each the outcome its county's rule names. With
/// flags, ties share a rank, so a tie on the last flag place flags every tied township: equal scores are treated
/// equally. Rewards need the standard line and sanctions need to be below it, so with fewer townships than flags no
/// township can get both.
/// </summary>
public static class TownshipRanking
{
    public static IReadOnlyList<TownshipPlace> Rank(IEnumerable<(string TownshipCode, decimal Total)> totals, TownshipScoring scoring)
    {
        ArgumentNullException.ThrowIfNull(totals);
        ArgumentNullException.ThrowIfNull(scoring);
        var list = totals.OrderByDescending(t => t.Total).ThenBy(t => t.TownshipCode, StringComparer.Ordinal).ToList();
        var rule = scoring.Recognition;
        return list.Select(t =>
        {
            var rank = 1 + list.Count(o => o.Total > t.Total);
            var fromBottom = 1 + list.Count(o => o.Total < t.Total);
            var above = t.Total >= scoring.StandardLine;
            var outcome = rule.Kind switch
            {
                RecognitionKind.RotatingFlags when rank <= rule.TopFlags && above => TownshipOutcome.RedFlag,
                RecognitionKind.RotatingFlags when fromBottom <= rule.BottomFlags && !above => TownshipOutcome.YellowFlag,
                RecognitionKind.QuarterlyList when t.Total >= rule.CommendAtOrAbove => TownshipOutcome.Commended,
                RecognitionKind.QuarterlyList when !above => TownshipOutcome.Criticised,
                _ => TownshipOutcome.None,
            };
            return new TownshipPlace(t.TownshipCode, t.Total, rank, outcome);
        }).ToList();
    }
}
