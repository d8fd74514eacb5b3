namespace Workflow.App.Pages;

/// <summary>A link as a page shows it: where it goes and what it says.</summary>
public sealed record PageLink(string Href, string Text)
{
    /// <summary>The start page, where a lost reader begins again.</summary>
    public static PageLink Home { get; } = new("/", "返回首页");
}
