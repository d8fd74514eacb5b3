namespace Workflow.App.Register;

/// <summary>A county whose places are stored, so its register can be imported; <see cref="DemoSeed"/> marks a generated demo county.</summary>
public sealed record RegisteredCounty(string Code, string Name, int? DemoSeed);
