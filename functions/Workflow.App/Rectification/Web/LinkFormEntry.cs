namespace Workflow.App.Rectification.Web;

/// <summary>The fields of a link's form as submitted, given back with a problem so nothing need be typed again.</summary>
/// <param name="Verdict">The verifier's choice (verify or send-back); empty on the unit's form.</param>
public sealed record LinkFormEntry(string Verdict, string Name, string Comment);
