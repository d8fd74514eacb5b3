using Workflow.Domain.Register;

namespace Workflow.App.Register;

/// <summary>A household a register search found: who heads it, where it is, its 户编号 and whether it has exited.</summary>
public sealed record HouseholdMatch(string Number, string HeadName, string TownshipCode, string Township, string VillageCode, string Village, PovertyStatus Status);
