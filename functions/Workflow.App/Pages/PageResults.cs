using Microsoft.AspNetCore.Http.HttpResults;

namespace Workflow.App.Pages;

/// <summary>
/// A Razor component as an endpoint's answer. Razor encodes every value it writes, so no page builds HTML by hand; the
/// renderer runs without streaming so a page is one complete document and needs no inline script.
/// </summary>
internal static class PageResults
{
    public static RazorComponentResult<TPage> Page<TPage>(object parameters, int status = StatusCodes.Status200OK)
        where TPage : Microsoft.AspNetCore.Components.IComponent =>
        new(parameters) { StatusCode = status, PreventStreamingRendering = true };

    /// <summary>A page that says one thing: a refusal by default, a confirmation when <paramref name="ok"/>.</summary>
    public static RazorComponentResult<MessagePage> Message(string title, string message, int status = StatusCodes.Status200OK,
        bool ok = false, string? note = null, PageLink? onward = null, IReadOnlyDictionary<string, object>? attributes = null) =>
        Page<MessagePage>(new Dictionary<string, object?>
        {
            [nameof(MessagePage.Title)] = title,
            [nameof(MessagePage.Message)] = message,
            [nameof(MessagePage.Ok)] = ok,
            [nameof(MessagePage.Note)] = note,
            [nameof(MessagePage.Onward)] = onward,
            [nameof(MessagePage.MessageAttributes)] = attributes,
        }, status);
}
