namespace Workflow.Domain.Exits;

/// <summary>The procedures shipped in Exits/Procedures/*.json: the national default, and any county's own.</summary>
public static class ExitProcedureCatalog
{
    private static readonly Lazy<IReadOnlyList<ExitProcedure>> Shipped =
        new(() => EmbeddedData.ReadAll<ExitProcedure>("Exits.Procedures").Select(p => p.Checked()).ToList());

    public static IReadOnlyList<ExitProcedure> All => Shipped.Value;

    public static ExitProcedure National => All.Single(p => p.CountyCode is null);

    /// <summary>
    /// The shipped procedure a case started on, by its id — an exit procedure or an entry one (the case pages and
    /// decision links read both through here); the national exit one when that id is no longer shipped.
    /// </summary>
    public static ExitProcedure ById(string id) => All.SingleOrDefault(p => p.Id == id) ?? Entries.EntryProcedureCatalog.Find(id) ?? National;

    /// <summary>The county's procedure for the year when it has one, else the national default.</summary>
    public static ExitProcedure For(string countyCode, int year) =>
        All.SingleOrDefault(p => p.CountyCode == countyCode && p.Year == year) ?? National;
}
