using Workflow.Domain.Calendar;
using Workflow.Domain.Exits;
using Workflow.App.Exits;

namespace Workflow.App.Analytics.Sources;

/// <summary>
/// One time a case was at a step, rebuilt from its timeline: when it entered, when and how it left, and whether it was
/// reminded or escalated meanwhile. A step entered twice (the notice resumed after an objection) is two occurrences.
/// </summary>
/// <param name="Sequence">The timeline sequence number of the entry that opened it: unique within the case.</param>
/// <param name="Decision">approve, reject (audited decisions), passed (notice period over), objected (notice interrupted),
/// done (deregistration), withdrawn (the case was withdrawn while waiting), or pending.</param>
public sealed record ExitStepOccurrence(
    int Sequence, string StepKey, DateTimeOffset EnteredAt, DateTimeOffset? DecidedAt, string Decision, string? DecidedByRole, bool Reminded, bool Escalated)
{
    public const string Pending = "pending";

    /// <summary>Working days from the day it was entered to the day it was decided (China dates); null while pending or outside the calendar's years.</summary>
    public int? WorkingDays
    {
        get
        {
            if (DecidedAt is not { } decided)
            {
                return null;
            }

            try
            {
                return WorkingCalendar.China.WorkingDaysBetween(ShanghaiTime.DateOf(EnteredAt), ShanghaiTime.DateOf(decided));
            }
            catch (CalendarYearNotAvailableException)
            {
                return null;
            }
        }
    }

    /// <summary>The occurrences of a case's history, in the order they were entered.</summary>
    public static IReadOnlyList<ExitStepOccurrence> Of(ExitCaseHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var done = new List<ExitStepOccurrence>();
        var open = new Dictionary<string, ExitStepOccurrence>(StringComparer.Ordinal);
        var decisions = history.Decisions.ToLookup(d => d.Step, StringComparer.Ordinal);

        void Close(string step, DateTimeOffset at, string decision, string? role = null)
        {
            if (open.Remove(step, out var occurrence))
            {
                done.Add(occurrence with { DecidedAt = at, Decision = decision, DecidedByRole = role });
            }
        }

        foreach (var entry in history.Timeline)
        {
            var step = entry.Step;
            switch (entry.Kind)
            {
                case TimelineKinds.StepOpened or TimelineKinds.NoticeStarted when step is not null:
                    if (!open.ContainsKey(step))
                    {
                        open[step] = new ExitStepOccurrence(entry.Sequence, step, entry.At, null, Pending, null, false, false);
                    }

                    break;
                case TimelineKinds.Reminder when step is not null && open.TryGetValue(step, out var reminded):
                    open[step] = reminded with { Reminded = true };
                    break;
                case TimelineKinds.Escalated when step is not null && open.TryGetValue(step, out var escalated):
                    open[step] = escalated with { Escalated = true };
                    break;
                case TimelineKinds.Decided when step is not null:
                    var audited = decisions[step].LastOrDefault(d => d.At <= entry.At) ?? decisions[step].LastOrDefault();
                    Close(step, entry.At, audited?.Action ?? "decided", audited?.Role);
                    break;
                case TimelineKinds.NoticePassed:
                    Close(ExitProcedure.Notice, entry.At, "passed");
                    break;
                case TimelineKinds.ObjectionFiled:
                    Close(ExitProcedure.Notice, entry.At, "objected");
                    break;
                case TimelineKinds.Deregistered:
                    done.Add(new ExitStepOccurrence(entry.Sequence, ExitProcedure.Deregistration, entry.At, entry.At, "done", null, false, false));
                    break;
                case TimelineKinds.Ended when history.Case.Status == ExitCaseStatus.Withdrawn:
                    foreach (var waiting in open.Keys.ToList())
                    {
                        Close(waiting, entry.At, "withdrawn");
                    }

                    break;
            }
        }

        return [.. done.Concat(open.Values).OrderBy(o => o.Sequence)];
    }
}
