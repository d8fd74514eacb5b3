using Workflow.Domain.Exits;

namespace Workflow.Domain.Entries;

/// <summary>The entry procedures shipped in Entries/Procedures/*.json: the national default, and any county's own.</summary>
public static class EntryProcedureCatalog
{
    private static readonly Lazy<IReadOnlyList<ExitProcedure>> Shipped =
        new(() => EmbeddedData.ReadAll<ExitProcedure>("Entries.Procedures").Select(EntryProcedure.Checked).ToList());

    public static IReadOnlyList<ExitProcedure> All => Shipped.Value;

    public static ExitProcedure National => All.Single(p => p.CountyCode is null);

    /// <summary>The shipped entry procedure with this id, or null.</summary>
    public static ExitProcedure? Find(string id) => All.SingleOrDefault(p => p.Id == id);

    /// <summary>The county's entry procedure for the year when it has one, else the national default.</summary>
    public static ExitProcedure For(string countyCode, int year) =>
        All.SingleOrDefault(p => p.CountyCode == countyCode && p.Year == year) ?? National;
}
