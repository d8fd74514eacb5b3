namespace Workflow.App.Exits;

/// <summary>Names of the events an exit case waits for. A decision's name carries its step, so a late decision for another step is never taken for this one.</summary>
public static class ExitEvents
{
    public const string Objection = "objection";
    public const string Withdrawal = "withdrawal";

    public static string Decision(string step) => $"decision:{step}";
}
