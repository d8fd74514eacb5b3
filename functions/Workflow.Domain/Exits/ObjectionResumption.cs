namespace Workflow.Domain.Exits;

/// <summary>How the notice continues after an objection is dismissed.</summary>
public enum ObjectionResumption
{
    /// <summary>The notice runs on for the days it had left when the objection paused it.</summary>
    Resume,

    /// <summary>The notice starts again and runs the full period.</summary>
    Restart,
}
