using Workflow.Domain.Register;

namespace Workflow.App.Register;

/// <summary>A household on the register with the township and village it belongs to, by code and by name.</summary>
public sealed record RegisteredHousehold(string TownshipCode, string Township, string VillageCode, string Village, Household Household);
