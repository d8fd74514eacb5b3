using System.Collections.Concurrent;
using Workflow.Domain.Register;

namespace Workflow.App.Analytics;

/// <summary>
/// What one export run reads from: the registered counties with their places, the run's time, the household
/// pseudonyms and the exit case histories, read once per county and shared by the exit tables.
/// </summary>
public sealed class ExportScope(IReadOnlyList<County> counties, DateTimeOffset now, HouseholdPseudonyms pseudonyms, ExitHistoryReader histories)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<ExitCaseHistory>>>> _histories = new(StringComparer.Ordinal);

    public IReadOnlyList<County> Counties { get; } = counties;

    public DateTimeOffset Now { get; } = now;

    public HouseholdPseudonyms Pseudonyms { get; } = pseudonyms;

    public Task<IReadOnlyList<ExitCaseHistory>> ExitHistoriesAsync(string countyCode, CancellationToken cancellationToken) =>
        _histories.GetOrAdd(countyCode, code => new Lazy<Task<IReadOnlyList<ExitCaseHistory>>>(() => histories.ReadAsync(code, Now, cancellationToken))).Value;

    /// <summary>The composite PartitionKey of a county's part, e.g. <c>532331|2020</c> or <c>532331|001</c>.</summary>
    public static string Partition(string countyCode, string part) => $"{countyCode}|{part}";
}
