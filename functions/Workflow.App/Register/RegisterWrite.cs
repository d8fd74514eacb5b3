namespace Workflow.App.Register;

/// <summary>What saving households did: how many were new to the register, changed, or already there as they are.</summary>
public sealed record RegisterWrite(int Added, int Changed, int Unchanged);
