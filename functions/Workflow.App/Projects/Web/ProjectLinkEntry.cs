namespace Workflow.App.Projects.Web;

/// <summary>What a project link's form held, given back when it is refused: the choice, the note, the name, the quarter's figures.</summary>
public sealed record ProjectLinkEntry(string Choice, string Note, string Name, string Income, string Dividends);
