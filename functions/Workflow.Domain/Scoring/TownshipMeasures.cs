namespace Workflow.Domain.Scoring;

/// <summary>
/// What a township achieved by a date, as counts, and each measure's score 0–100 (rounded to two places). A measure
/// with nothing to measure (no target, no item due, no step entered, nobody registered) scores 100: the township is
/// not behind on it.
/// </summary>
/// <param name="ExitsApproved">Exit cases of the year approved (已退出) by the date.</param>
/// <param name="ExitTarget">Households to exit in the year: those not exited and those that exited in it.</param>
/// <param name="RectificationsDue">Rectification items of the year whose 整改时限 had passed by the date.</param>
/// <param name="RectificationsOverdue">Among them, items not closed by the date.</param>
/// <param name="PoorPeople">People in households not exited at the date.</param>
/// <param name="RegisteredPeople">People on the register.</param>
/// <param name="StepsEntered">Exit steps the township's cases entered by the date.</param>
/// <param name="StepsEscalated">Among them, steps escalated past their deadline (督办).</param>
public sealed record TownshipMeasures(
    int ExitsApproved, int ExitTarget, int RectificationsDue, int RectificationsOverdue, int PoorPeople, int RegisteredPeople, int StepsEntered, int StepsEscalated)
{
    public decimal ExitProgressScore => ExitTarget == 0 ? 100m : Percent(Math.Min(ExitsApproved, ExitTarget), ExitTarget);

    public decimal RectificationScore => RectificationsDue == 0 ? 100m : Percent(RectificationsDue - RectificationsOverdue, RectificationsDue);

    /// <summary>贫困发生率, %: poor people over registered people.</summary>
    public decimal Incidence => RegisteredPeople == 0 ? 0m : Percent(PoorPeople, RegisteredPeople);

    public decimal IncidenceScore => 100m - Incidence;

    public decimal ExitStepScore => StepsEntered == 0 ? 100m : Percent(StepsEntered - StepsEscalated, StepsEntered);

    private static decimal Percent(int part, int whole) => Math.Round(100m * part / whole, 2, MidpointRounding.AwayFromZero);
}
