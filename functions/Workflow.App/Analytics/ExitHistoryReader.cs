using Workflow.App.Audit;
using Workflow.App.Exits;

namespace Workflow.App.Analytics;

/// <summary>One case (an exit or an entry) with its history and its audited decisions, as the exit and entry facts read it.</summary>
public sealed record ExitCaseHistory(ExitCase Case, IReadOnlyList<TimelineEntry> Timeline, IReadOnlyList<AuditEntry> Decisions);

/// <summary>
/// Reads a county's cases of every kind from the case store and, for each, its timeline and its audit entries;
/// <see cref="ExportScope"/> hands the exits and the entries to their own facts.
/// </summary>
public sealed class ExitHistoryReader(ExitCaseStore cases, AuditLog audit)
{
    private const int ConcurrentCases = 8;

    public async Task<IReadOnlyList<ExitCaseHistory>> ReadAsync(string countyCode, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await cases.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await audit.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var list = await cases.ListAsync(new ExitCaseQuery(countyCode), now, cancellationToken).ConfigureAwait(false);
        var histories = new ExitCaseHistory[list.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, list.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ConcurrentCases, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var exitCase = list[i];
                var timeline = await cases.ReadTimelineAsync(exitCase.CaseId, token).ConfigureAwait(false);
                var decisions = await audit.ReadAsync(exitCase.CaseId, token).ConfigureAwait(false);
                histories[i] = new ExitCaseHistory(exitCase, timeline.OrderBy(t => t.Sequence).ToList(), decisions);
            }).ConfigureAwait(false);
        return histories.OrderBy(h => h.Case.CaseId, StringComparer.Ordinal).ToList();
    }
}
