using System.Text.RegularExpressions;

namespace Workflow.App.Exits;

/// <summary>
/// A case id is {county code}-{household number}-{attempt} (an entry's attempt is E{n} or R{n}, <see cref="ForEntry"/>): the same household and attempt always give the same
/// id, which is what makes starting a case idempotent, and the county is read back from it to find the row.
/// </summary>
public static partial class ExitCaseId
{
    public static string For(string countyCode, string householdNumber, int attempt) => $"{countyCode}-{householdNumber}-{attempt}";

    /// <summary>
    /// An entry case's id, {county}-{household number}-E{n} (新识别) or -R{n} (返贫): never the id of an exit case, and in
    /// the household's key range, so the household's cases of every kind are read together.
    /// </summary>
    public static string ForEntry(string countyCode, string householdNumber, CaseKind kind, int attempt) =>
        $"{countyCode}-{householdNumber}-{(kind == CaseKind.NewEntry ? 'E' : 'R')}{attempt}";

    /// <summary>The RowKey range holding every attempt's case id of one household: [prefix, prefix with its '-' bumped).</summary>
    public static (string From, string To) HouseholdRange(string countyCode, string householdNumber) =>
        ($"{countyCode}-{householdNumber}-", $"{countyCode}-{householdNumber}.");

    /// <summary>The county of a well-formed case id; null for anything else, so user text never becomes a key unchecked.</summary>
    public static string? CountyOf(string? caseId) =>
        caseId is not null && Shape().Match(caseId) is { Success: true } match ? match.Groups["county"].Value : null;

    [GeneratedRegex(@"^(?<county>\d{6})-[0-9A-Za-z]{1,40}-[ER]?\d{1,3}$")]
    private static partial Regex Shape();
}
