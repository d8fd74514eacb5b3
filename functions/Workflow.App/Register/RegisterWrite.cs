namespace Workflow.App.Register;

/// <summary>What saving households did: how many were new to the register, changed, or already there as they are.</summary>
/// <param name="StatusKept">Changed households whose 脱贫状态 in the file differed from what an exit or entry case decided; the case's was kept.</param>
public sealed record RegisterWrite(int Added, int Changed, int Unchanged, int StatusKept = 0);
