using Workflow.Domain.Calendar;

namespace Workflow.Domain.Funds;

/// <summary>One stage's deadline: so many days, calendar or working, from the day its clock starts.</summary>
public sealed record DisbursementDeadline(DisbursementStage Stage, int Days, bool WorkingDays, Citation Citation);

/// <summary>
/// The disbursement rule set (资金拨付时限), shipped as data in Funds/Rules/default.json with a citation for each
/// figure: 15 calendar days, then 5 and 5 working days (003), and a reminder lead that is an assumption.
/// </summary>
public sealed record DisbursementRules(string Name, IReadOnlyList<DisbursementDeadline> Steps, int ReminderDaysBefore, IReadOnlyList<Citation> Citations)
{
    private static readonly Lazy<DisbursementRules> Shipped = new(() =>
        EmbeddedData.ReadAll<DisbursementRules>("Funds.Rules").Single(r => r.Name == "default").Checked());

    public static DisbursementRules Default => Shipped.Value;

    public DisbursementDeadline For(DisbursementStage stage) => Steps.Single(s => s.Stage == stage);

    /// <summary>
    /// The last day a stage's payment is on time, its clock starting on <paramref name="from"/> (the allocation's date,
    /// step 1's payment date, a request's approval date). The start day is not counted; “15日内” from 2 March is 17 March.
    /// Working days come from <paramref name="calendar"/>, weekdays in a year whose holidays are not published.
    /// </summary>
    public DateOnly DueOn(DisbursementStage stage, DateOnly from, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var rule = For(stage);
        return rule.WorkingDays ? calendar.WithWeekendsWhereUnpublished().AddWorkingDays(from, rule.Days) : from.AddDays(rule.Days);
    }

    /// <summary>When the reminder for a deadline goes out: the start of the day <see cref="ReminderDaysBefore"/> days before it (Beijing).</summary>
    public DateTimeOffset RemindAt(DateOnly dueOn) => ShanghaiTime.StartOf(dueOn.AddDays(-ReminderDaysBefore));

    public DisbursementRules WithReminderDaysBefore(int days) => days < 0
        ? throw new InvalidOperationException($"A reminder cannot come after its deadline; {days} days before is configured.")
        : this with { ReminderDaysBefore = days };

    private DisbursementRules Checked()
    {
        foreach (var stage in Enum.GetValues<DisbursementStage>())
        {
            if (Steps.Count(s => s.Stage == stage) != 1 || For(stage).Days < 1)
            {
                throw new InvalidDataException($"Disbursement rules {Name}: stage {stage} needs exactly one deadline of at least one day.");
            }
        }

        return WithReminderDaysBefore(ReminderDaysBefore);
    }
}
