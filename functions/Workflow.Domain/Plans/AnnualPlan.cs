using System.Globalization;

namespace Workflow.Domain.Plans;

/// <summary>年度脱贫攻坚 plan of one county: its phases, task list and progress-report deadlines.</summary>
/// <param name="Start">First day the plan covers; usually 1 January.</param>
/// <param name="End">Last day the plan covers; may run into the next year (004's 冬季决战 ends in January).</param>
/// <param name="ReportDeadlines">Dates by which lead units report progress (004: 3月20日、6月20日、9月20日前).</param>
/// <param name="Citations">Where each phase ("phase {key}"), task ("task {number}", its deadline included) and setting comes
/// from: a seed's sentence, or an assumption. Empty for a plan a county writes itself.</param>
public sealed record AnnualPlan(
    string CountyCode,
    string CountyName,
    int Year,
    string Title,
    string Source,
    DateOnly Start,
    DateOnly End,
    IReadOnlyList<Phase> Phases,
    IReadOnlyList<PlanArea> Areas,
    IReadOnlyList<PlanTask> Tasks,
    IReadOnlyList<DateOnly> ReportDeadlines,
    IReadOnlyList<Citation>? Citations = null)
{
    /// <summary>
    /// Starts another county's (or the same county's) plan for <paramref name="year"/> from this one: every date moves
    /// by whole years (29 February becomes 28 February) and the title names the new county and year. The copy is a
    /// draft to edit and then <see cref="PlanValidator.Validate">validate</see>.
    /// </summary>
    public AnnualPlan CopyFor(string countyCode, string countyName, int year)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(countyCode);
        ArgumentException.ThrowIfNullOrWhiteSpace(countyName);
        var years = year - Year;
        DateOnly Shift(DateOnly date) => date.AddYears(years);
        DateOnly? ShiftOptional(DateOnly? date) => date?.AddYears(years);

        return this with
        {
            CountyCode = countyCode,
            CountyName = countyName,
            Year = year,
            Title = Title.Replace(CountyName, countyName, StringComparison.Ordinal)
                .Replace(Year.ToString(CultureInfo.InvariantCulture), year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal),
            Source = $"复制自模板：{Title}",
            Start = Shift(Start),
            End = Shift(End),
            Phases = Phases.Select(p => p with { Start = Shift(p.Start), End = Shift(p.End) }).ToList(),
            Tasks = Tasks.Select(t => t with
            {
                Deadline = t.Deadline with { From = ShiftOptional(t.Deadline.From), Date = ShiftOptional(t.Deadline.Date) },
            }).ToList(),
            ReportDeadlines = ReportDeadlines.Select(Shift).ToList(),
        };
    }
}
