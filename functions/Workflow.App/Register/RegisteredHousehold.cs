using Workflow.Domain.Register;

namespace Workflow.App.Register;

/// <summary>A household on the register with the township and village it belongs to, by code and by name.</summary>
/// <param name="Exit">The exit case that deregistered it (销号), when one did; households imported as exited have none.</param>
public sealed record RegisteredHousehold(string TownshipCode, string Township, string VillageCode, string Village, Household Household, ExitRecord? Exit = null);
