using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.App.Pages;

namespace Workflow.App.Console;

/// <summary>A console view that says one thing, as an endpoint's answer (<see cref="ConsoleMessagePage"/>).</summary>
internal static class ConsoleResults
{
    /// <param name="ok">An explanation (nothing to show yet) rather than a refusal.</param>
    public static RazorComponentResult<ConsoleMessagePage> Message(ConsoleView view, string countyCode, string title, string message, int status,
        bool ok = false, PageLink? onward = null) =>
        PageResults.Page<ConsoleMessagePage>(new Dictionary<string, object?>
        {
            [nameof(ConsoleMessagePage.View)] = view,
            [nameof(ConsoleMessagePage.CountyCode)] = countyCode,
            [nameof(ConsoleMessagePage.Title)] = title,
            [nameof(ConsoleMessagePage.Message)] = message,
            [nameof(ConsoleMessagePage.Ok)] = ok,
            [nameof(ConsoleMessagePage.Onward)] = onward,
        }, status);
}
