using Workflow.Domain.Calendar;

namespace Workflow.Domain.Rectification;

/// <summary>
/// The overdue rules: an item not submitted by its deadline gets a 督办单 giving it <see cref="WorkingDays"/> more
/// working days; missing that deadline too leads to 约谈. A deadline date is met until midnight at its end, Beijing
/// time. The seeds say only “限期整改” — a time limit, not its length (003's 督办单, 004's 约谈): the 5 working days
/// of <see cref="DefaultWorkingDays"/> are this system's assumption, configurable (Rectification:SupervisionWorkingDays).
/// </summary>
public sealed record SupervisionPolicy(int WorkingDays)
{
    /// <summary>An assumption, not a seed's figure (see <see cref="Citations"/>).</summary>
    public const int DefaultWorkingDays = 5;

    public static SupervisionPolicy Default { get; } = new(DefaultWorkingDays);

    /// <summary>What the seeds say about the 督办单 and 约谈, and what is assumed.</summary>
    public static IReadOnlyList<Citation> Citations { get; } =
    [
        new("supervisionNotice", "003: a 督办单 and 约谈 for items not rectified, with a time limit whose length it does not give.",
            "003_f16c26e024f0e78d.txt", "实行“督办单”制度，对问题整改不到位的进行约谈，限期整改"),
        new("summons", "004: 约谈 when the time limit passes without the work done.",
            "004_3b47c13935180312.txt", "对限期整改时限内仍不能完成工作任务的，由县纪委监委对有关单位主要负责人进行约谈"),
        new("workingDays", "5 working days for a 督办单: no seed gives a number. An assumption, configurable (Rectification:SupervisionWorkingDays)."),
    ];

    /// <summary>The instant a deadline date has passed: the start of the next day in Beijing.</summary>
    public static DateTimeOffset OverdueAt(DateOnly deadline) => ShanghaiTime.StartOf(deadline.AddDays(1));

    /// <summary>
    /// The 督办单's deadline for a notice issued at <paramref name="issuedAt"/>: that many working days after the issue
    /// date. In a year whose holidays are not published the days are counted Monday to Friday.
    /// </summary>
    public DateOnly NoticeDeadline(DateTimeOffset issuedAt, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (WorkingDays < 1)
        {
            throw new InvalidOperationException($"A 督办单 must give at least one working day; {WorkingDays} is configured.");
        }

        return calendar.WithWeekendsWhereUnpublished().AddWorkingDays(ShanghaiTime.DateOf(issuedAt), WorkingDays);
    }
}
