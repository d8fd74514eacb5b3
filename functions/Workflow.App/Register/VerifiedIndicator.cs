namespace Workflow.App.Register;

/// <summary>One household indicator as an exit case verified it (入户核查), kept on the register with the exit.</summary>
/// <param name="Value">The verified value as shown (9000, 是).</param>
/// <param name="Threshold">The standard as shown (&gt; 4000 元, 须达到).</param>
public sealed record VerifiedIndicator(string Name, string Value, string Threshold, bool Passed);
