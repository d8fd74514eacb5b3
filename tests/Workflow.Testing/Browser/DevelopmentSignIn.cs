using Microsoft.Playwright;

namespace Workflow.Testing.Browser;

/// <summary>Going through the development sign-in as a browser does: a county page sends the visitor to it and back.</summary>
public static class DevelopmentSignIn
{
    /// <summary>
    /// Opens <paramref name="pathAndQuery"/>, signs in as the user labelled <paramref name="user"/> and returns the answer
    /// of the page the browser lands back on, once that page has loaded.
    /// </summary>
    public static async Task<IResponse> SignInAsync(this IPage page, Uri baseAddress, string pathAndQuery, string user)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(new Uri(baseAddress, pathAndQuery).AbsoluteUri);
        await page.GetByLabel(user).CheckAsync();
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "登录" }).ClickAsync(),
            r => r.Request.Method == "GET" && new Uri(r.Url).PathAndQuery == pathAndQuery);
        await page.WaitForDocumentAsync(pathAndQuery);
        return response;
    }

    /// <summary>
    /// Waits until the main frame shows <paramref name="pathAndQuery"/> fully loaded. The page itself is asked, because
    /// Playwright's load-state wait, called right after a form post answered by a new document, now and then missed
    /// that document's load event on a busy machine and timed out.
    /// </summary>
    public static async Task WaitForDocumentAsync(this IPage page, string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.WaitForFunctionAsync(
            "p => location.pathname + location.search === p && document.readyState === 'complete'",
            pathAndQuery,
            new PageWaitForFunctionOptions { PollingInterval = 50 });
    }
}
