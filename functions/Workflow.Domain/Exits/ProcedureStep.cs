namespace Workflow.Domain.Exits;

/// <summary>
/// One step of an exit procedure as a county configures it: who decides, how many working days they have, when
/// they are reminded and to whom the step escalates when it is overdue.
/// </summary>
/// <param name="Code">The national step this is (see <see cref="ExitProcedure.NationalOrder"/>).</param>
/// <param name="Name">zh-CN name shown to users.</param>
/// <param name="SlaWorkingDays">Working days from opening to due; 0 for steps nobody decides.</param>
/// <param name="RemindWorkingDaysBefore">Working days before the due time a reminder goes out; 0 for none.</param>
public sealed record ProcedureStep(
    string Code,
    string Name,
    ExitStepKind Kind,
    ExitRole? DecidedBy,
    int SlaWorkingDays,
    int RemindWorkingDaysBefore,
    ExitRole? EscalateTo);
