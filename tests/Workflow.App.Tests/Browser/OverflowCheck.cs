using Microsoft.Playwright;

namespace Workflow.App.Tests.Browser;

/// <summary>
/// The page does not scroll sideways on the phone: its document is no wider than the screen. Compared with the
/// viewport's own width, not <c>innerWidth</c>: a mobile browser zooms out a page wider than the screen, and its
/// <c>innerWidth</c> grows with the page. A failure names the elements that reach past the screen's edge.
/// </summary>
public static class OverflowCheck
{
    public static async Task<IReadOnlyList<string>> ProblemsAsync(IPage page, int width)
    {
        ArgumentNullException.ThrowIfNull(page);
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        if (scrollWidth <= width + 1)
        {
            return [];
        }

        // What reaches past the edge, outermost first: a box wider than the screen (a table) or a box whose own text
        // runs out of it (a long address without a break); not every cell of that table.
        var widest = await page.EvaluateAsync<string[]>(
            """
            w => {
              const text = e => [...e.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
              const past = e => e.getBoundingClientRect().right > w + 1 || (text(e) && e.getBoundingClientRect().left + e.scrollWidth > w + 1);
              return [...document.querySelectorAll('body *')]
                .filter(e => past(e) && !(e.parentElement && e.parentElement !== document.body && past(e.parentElement)))
                .slice(0, 8)
                .map(e => e.localName + (e.id ? '#' + e.id : '') + (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\s+/).join('.') : '')
                  + ' (' + Math.round(Math.max(e.getBoundingClientRect().right, e.getBoundingClientRect().left + e.scrollWidth)) + ' px)');
            }
            """, width);
        return [$"overflow: the page is {scrollWidth} px wide on a {width} px screen; past the edge: {string.Join(", ", widest)}"];
    }
}
