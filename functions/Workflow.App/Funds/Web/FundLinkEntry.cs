namespace Workflow.App.Funds.Web;

/// <summary>What was typed into a link's form, shown again when it is refused so nothing has to be typed twice.</summary>
public sealed record FundLinkEntry(string Amount, string Date, string Name, string Village, string Purpose, bool Reviewed);
