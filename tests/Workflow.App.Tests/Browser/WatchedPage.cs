using Microsoft.Playwright;

namespace Workflow.App.Tests.Browser;

/// <summary>
/// A page in a browser context of its own (own cookies) at one <see cref="Viewport"/>, watched for what the browser
/// refuses under the Content-Security-Policy: every <c>securitypolicyviolation</c> event of the current document (an
/// init script records them on <c>window</c> before any of the page's own code runs) and every console message about
/// the policy. It also notes what the document asked for and did not get (its style sheet or script missing would leave
/// a page unstyled or dead without any error on it). Confirmation dialogs (<c>data-confirm</c>) are accepted, as a
/// person clicking on would.
/// </summary>
public sealed class WatchedPage : IAsyncDisposable
{
    /// <summary>The window property the init script fills; a new document starts with an empty list.</summary>
    public const string ViolationsProperty = "__cspViolations";

    // Capture on window: the event is fired at the offending element (or the document) and bubbles; capturing sees it
    // even if a page's own listener stops it. Runs before the page's scripts, so nothing is missed.
    private const string RecordViolations = $$"""
        (() => {
          const seen = [];
          Object.defineProperty(window, '{{ViolationsProperty}}', { value: seen });
          window.addEventListener('securitypolicyviolation', e => seen.push(
            e.effectiveDirective + ' refused ' + (e.blockedURI || 'inline') + (e.sample ? ' "' + e.sample + '"' : '') +
            (e.lineNumber ? ' at line ' + e.lineNumber : '')), true);
        })();
        """;

    // Playwright raises its events on its own threads.
    private readonly Lock _gate = new();
    private readonly List<string> _policyMessages = [];
    private readonly List<string> _failedLoads = [];

    private WatchedPage(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (_gate)
                {
                    _policyMessages.Add(message.Text);
                }
            }
        };
        page.RequestFailed += (_, request) => NoteFailedLoad(request, request.Failure ?? "failed");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                NoteFailedLoad(response.Request, response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        };
        // Messages and loads belong to the document that logged them: a new document starts with none.
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame)
            {
                lock (_gate)
                {
                    _policyMessages.Clear();
                    _failedLoads.Clear();
                }
            }
        };
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public static async Task<WatchedPage> OpenAsync(IBrowser browser, Viewport viewport)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(viewport);
        var context = await browser.NewContextAsync(viewport.ContextOptions());
        try
        {
            await context.AddInitScriptAsync(RecordViolations);
            return new WatchedPage(context, await context.NewPageAsync());
        }
        catch
        {
            await context.CloseAsync();
            throw;
        }
    }

    /// <summary>Signs the context in at the development sign-in as "name|role"; the cookie then goes with every page it opens.</summary>
    public async Task SignInAsync(Uri baseAddress, string demoUser)
    {
        var response = await Context.APIRequest.PostAsync(new Uri(baseAddress, "/dev/signin").AbsoluteUri, new APIRequestContextOptions
        {
            Form = Context.APIRequest.CreateFormData().Set("user", demoUser).Set("returnUrl", "/"),
            MaxRedirects = 0,
        });
        if (response.Status != 302)
        {
            throw new InvalidOperationException($"The development sign-in as {demoUser} answered {response.Status}, not a redirect.");
        }
    }

    /// <summary>Opens the address and returns the document's response once the page has loaded.</summary>
    public async Task<IResponse> GoAsync(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return await Page.GotoAsync(address.AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load })
               ?? throw new InvalidOperationException($"Opening {address} gave no response.");
    }

    /// <summary>
    /// Does what sends a form (a click) and returns the response of the document the browser then shows, once that
    /// document has loaded. The old document is marked first and the wait is for a loaded document without the mark,
    /// so neither the old page nor a half-loaded new one can pass for the answer.
    /// </summary>
    public async Task<IResponse> SubmitAsync(Func<Task> submit)
    {
        ArgumentNullException.ThrowIfNull(submit);
        await Page.EvaluateAsync("() => { window.__tourLeft = true; }");
        // A redirect (post, then get) is not the answer: the document it leads to is.
        var response = await Page.RunAndWaitForResponseAsync(submit,
            r => r.Request.IsNavigationRequest && r.Request.Frame == Page.MainFrame && r.Status is < 300 or >= 400);
        await Page.WaitForFunctionAsync("() => !window.__tourLeft && document.readyState === 'complete'", null,
            new PageWaitForFunctionOptions { PollingInterval = 50 });
        return response;
    }

    /// <summary>
    /// What the browser refused on the current document: the recorded events or, should the recorder have missed them,
    /// the console's messages about the policy (chromium logs each refusal there too, so both would say it twice).
    /// </summary>
    public async Task<IReadOnlyList<string>> PolicyViolationsAsync()
    {
        // A violation is reported by a queued task: let any still queued run before reading.
        var events = await Page.EvaluateAsync<string[]>(
            $"() => new Promise(done => setTimeout(() => done([...(window.{ViolationsProperty} ?? [])]), 0))");
        if (events.Length > 0)
        {
            return events;
        }

        lock (_gate)
        {
            // The first sentence says what was refused; the rest is chromium's advice on hashes and nonces.
            return [.. _policyMessages.Select(m => "console: " + m.Split(". Either", 2)[0])];
        }
    }

    /// <summary>The style sheets, scripts and images the current document asked for and did not get, each with why.</summary>
    public IReadOnlyList<string> FailedLoads()
    {
        lock (_gate)
        {
            return [.. _failedLoads];
        }
    }

    private void NoteFailedLoad(IRequest request, string why)
    {
        // The document itself is the stop's own answer (a 404 page is meant to be one); the browser asks for a
        // favicon of its own accord, and the app has none to offer.
        if (request.IsNavigationRequest || new Uri(request.Url).AbsolutePath == "/favicon.ico")
        {
            return;
        }

        lock (_gate)
        {
            _failedLoads.Add($"{new Uri(request.Url).PathAndQuery} {why}");
        }
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
