using Workflow.App.Register;

namespace Workflow.App.Exits.Web;

/// <summary>
/// What the start form shows besides its fields: the household search as asked (户主姓名 or 户编号) and what it
/// found, and the household chosen from it, whose 户编号 the form then carries.
/// </summary>
/// <param name="More">The search found more than it lists: a longer name or number narrows it.</param>
/// <param name="Household">The 户编号 the form is filled with, as chosen or as typed in the address.</param>
/// <param name="Chosen">That household as the register has it; null when it is not on the register.</param>
public sealed record ExitStartState(string? Find, IReadOnlyList<HouseholdMatch>? Matches, bool More, string? Household, HouseholdMatch? Chosen)
{
    public static ExitStartState Empty { get; } = new(null, null, false, null, null);

    /// <summary>Open when the reader is choosing or has chosen a household; folded away otherwise, below the list.</summary>
    public bool Open => Find is not null || Household is not null;
}
