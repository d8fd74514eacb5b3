using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Workflow.App.Tests.Browser;

/// <summary>
/// axe-core (Deque.AxeCore.Playwright) over the whole page as it is shown: every violation of impact serious or
/// critical, each with its rule, impact and the elements it found, so a failing run says what to fix and where.
/// Moderate and minor findings are left to review; the bar the pages must clear is no serious or critical one.
/// </summary>
public static class AccessibilityCheck
{
    private static readonly string[] Blocking = ["serious", "critical"];

    public static async Task<IReadOnlyList<string>> ProblemsAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var result = await page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
        return
        [
            .. result.Violations
                .Where(v => Blocking.Contains(v.Impact, StringComparer.Ordinal))
                .Select(v => $"axe {v.Id} ({v.Impact}): {v.Help}; at {string.Join(" | ", v.Nodes.Select(n => n.Target?.ToString()))}"),
        ];
    }
}
