using System.Collections.Concurrent;
using Workflow.App.Exits;
using Workflow.Domain.Register;

namespace Workflow.App.Analytics;

/// <summary>
/// What one export run reads from: the registered counties with their places, the run's time, the household
/// pseudonyms and the case histories, read once per county and shared by the exit and entry tables.
/// </summary>
public sealed class ExportScope(IReadOnlyList<County> counties, DateTimeOffset now, HouseholdPseudonyms pseudonyms, ExitHistoryReader histories)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<ExitCaseHistory>>>> _histories = new(StringComparer.Ordinal);

    public IReadOnlyList<County> Counties { get; } = counties;

    public DateTimeOffset Now { get; } = now;

    public HouseholdPseudonyms Pseudonyms { get; } = pseudonyms;

    /// <summary>
    /// The county's exit cases only: entry cases (新识别, 返贫) share the case table, and counted here they would be
    /// exits, take an exit attempt's key and be scored as exit progress.
    /// </summary>
    public async Task<IReadOnlyList<ExitCaseHistory>> ExitHistoriesAsync(string countyCode, CancellationToken cancellationToken) =>
        [.. (await CaseHistoriesAsync(countyCode, cancellationToken).ConfigureAwait(false)).Where(h => h.Case.Kind == CaseKind.Exit)];

    /// <summary>The county's entry cases (新识别 and 返贫), from the same read as the exits.</summary>
    public async Task<IReadOnlyList<ExitCaseHistory>> EntryHistoriesAsync(string countyCode, CancellationToken cancellationToken) =>
        [.. (await CaseHistoriesAsync(countyCode, cancellationToken).ConfigureAwait(false)).Where(h => h.Case.Kind != CaseKind.Exit)];

    private Task<IReadOnlyList<ExitCaseHistory>> CaseHistoriesAsync(string countyCode, CancellationToken cancellationToken) =>
        _histories.GetOrAdd(countyCode, code => new Lazy<Task<IReadOnlyList<ExitCaseHistory>>>(() => histories.ReadAsync(code, Now, cancellationToken))).Value;

    /// <summary>The composite PartitionKey of a county's part, e.g. <c>532331|2020</c> or <c>532331|001</c>.</summary>
    public static string Partition(string countyCode, string part) => $"{countyCode}|{part}";
}
