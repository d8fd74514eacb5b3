namespace Workflow.Domain.Scoring;

/// <summary>One township's place in a quarter's ranking.</summary>
/// <param name="Rank">1 for the best; townships with equal totals share a rank and the next rank is skipped (1, 2, 2, 4).</param>
public sealed record TownshipPlace(string TownshipCode, decimal Total, int Rank, FlagColor Flag);

/// <summary>
/// 季度排名: ranks a county's townships by weighted total and hands out the flags. Ties share a rank, so a tie on
/// third place gives every tied township a red flag (and a tie on the second-to-last place a yellow one): equal
/// scores are treated equally. Red needs the standard line, yellow needs to be below it, so with fewer than five
/// townships no township can get both.
/// </summary>
public static class TownshipRanking
{
    public static IReadOnlyList<TownshipPlace> Rank(IEnumerable<(string TownshipCode, decimal Total)> totals, TownshipScoring scoring)
    {
        ArgumentNullException.ThrowIfNull(totals);
        ArgumentNullException.ThrowIfNull(scoring);
        var list = totals.OrderByDescending(t => t.Total).ThenBy(t => t.TownshipCode, StringComparer.Ordinal).ToList();
        return list.Select(t =>
        {
            var rank = 1 + list.Count(o => o.Total > t.Total);
            var fromBottom = 1 + list.Count(o => o.Total < t.Total);
            var flag = rank <= TownshipScoring.RedFlags && t.Total >= scoring.StandardLine ? FlagColor.Red
                : fromBottom <= TownshipScoring.YellowFlags && t.Total < scoring.StandardLine ? FlagColor.Yellow
                : FlagColor.None;
            return new TownshipPlace(t.TownshipCode, t.Total, rank, flag);
        }).ToList();
    }
}
