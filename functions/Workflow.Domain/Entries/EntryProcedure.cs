using Workflow.Domain.Exits;

namespace Workflow.Domain.Entries;

/// <summary>
/// 纳入程序 — the entry procedure (新识别 and 返贫) of one county and year, as data. It has the shape of a case procedure
/// (<see cref="ExitProcedure"/>: steps, notice days, objection review) so one case run serves exits and entries; only
/// its steps differ: the application is the case start itself, then 民主评议 → 村两委和驻村工作队核实 → 村内公示 →
/// 乡镇审核 → 县审定 → 挂号. Seed 000 asks "纳入有程序" without listing it; each step's source is in the file's citations.
/// </summary>
public static class EntryProcedure
{
    /// <summary>The steps in order: a later level never acts before the earlier one has signed off.</summary>
    public static IReadOnlyList<string> Order { get; } =
    [
        ExitProcedure.Appraisal, ExitProcedure.Verification, ExitProcedure.Notice,
        ExitProcedure.TownshipReview, ExitProcedure.CountyApproval, ExitProcedure.Registration,
    ];

    /// <summary>Reads an entry procedure a county has written, checking it the way shipped ones are checked.</summary>
    /// <exception cref="InvalidDataException">Not valid JSON for a procedure, or it breaks a rule (each is named).</exception>
    public static ExitProcedure FromJson(string json) => Checked(ExitProcedure.FromJsonUnchecked(json));

    internal static ExitProcedure Checked(ExitProcedure procedure) => procedure.Checked(Order, "the six entry steps");
}
