using Microsoft.Playwright;

namespace Workflow.App.Tests.Browser;

/// <summary>
/// The strict Content-Security-Policy holds for a page: its response carries the policy, starting with
/// <c>default-src 'self'</c> and never allowing inline code, and the browser refused nothing on it. Inline event
/// handlers and <c>javascript:</c> addresses are listed too: chromium checks them only when they are used (a click),
/// so a page could load clean and still break for the person who presses its button.
/// </summary>
public static class PolicyCheck
{
    public const string HeaderName = "content-security-policy";
    public const string RequiredStart = "default-src 'self'";

    private const string InlineHandlers = """
        () => {
          const found = new Map();
          for (const e of document.querySelectorAll('*')) {
            for (const a of e.attributes) {
              if (a.name.startsWith('on')) {
                const what = a.name + ' handler on <' + e.localName + '>';
                found.set(what, (found.get(what) ?? 0) + 1);
              }
            }
          }
          for (const a of document.querySelectorAll('[href^="javascript:" i]')) {
            const what = 'javascript: address on <' + a.localName + '>';
            found.set(what, (found.get(what) ?? 0) + 1);
          }
          return [...found].map(([what, count]) => count > 1 ? what + ' ×' + count : what);
        }
        """;

    /// <summary>Every way the page breaks the policy; empty when it keeps it.</summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(WatchedPage watched, IResponse response)
    {
        ArgumentNullException.ThrowIfNull(watched);
        ArgumentNullException.ThrowIfNull(response);
        var problems = new List<string>();
        var header = await response.HeaderValueAsync(HeaderName);
        if (header is null)
        {
            problems.Add("CSP header: the response has no Content-Security-Policy.");
        }
        else if (!header.StartsWith(RequiredStart, StringComparison.Ordinal) || header.Contains("unsafe-inline", StringComparison.Ordinal))
        {
            problems.Add($"CSP header: \"{header}\" does not start with {RequiredStart} or allows unsafe-inline.");
        }

        problems.AddRange((await watched.PolicyViolationsAsync()).Select(v => "CSP violation: " + v));
        problems.AddRange((await watched.Page.EvaluateAsync<string[]>(InlineHandlers)).Select(h => "CSP inline code (refused when used): " + h));
        return problems;
    }
}
