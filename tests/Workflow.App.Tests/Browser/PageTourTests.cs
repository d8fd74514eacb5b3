using Workflow.Testing.Browser;
using Xunit;
using Xunit.Abstractions;

namespace Workflow.App.Tests.Browser;

/// <summary>
/// 页面巡检: every page of the app in a real headless chromium, on a 390 px phone and on a desktop screen, against one
/// running app with all its data made once (<see cref="PageTourData"/>). Each stop keeps a full-page screenshot
/// (<c>artifacts/screenshots/tour-{page}-{screen}.png</c>; "tour-" keeps them apart from the other browser tests'
/// pictures) and must pass its checks: the strict Content-Security-Policy is sent and the browser refuses nothing under
/// it, everything the page asks for loads, axe-core finds no serious or critical accessibility violation, and on the
/// phone the page does not scroll sideways. A failing stop lists every problem it found, not just the first.
/// </summary>
public sealed class PageTourTests(PageTourData tour, ITestOutputHelper output) : IClassFixture<PageTourData>
{
    public static TheoryData<string, string> Stops()
    {
        var stops = new TheoryData<string, string>();
        foreach (var page in TourPages.All)
        {
            foreach (var viewport in Viewport.All)
            {
                stops.Add(page.Name, viewport.Name);
            }
        }

        return stops;
    }

    [Theory]
    [MemberData(nameof(Stops))]
    public async Task The_page_passes_axe_keeps_the_content_security_policy_and_fits_the_screen(string page, string screen)
    {
        var stop = TourPages.Named(page);
        var viewport = Viewport.Named(screen);
        WatchedPage? opened = null;
        try
        {
            var (watched, response) = tour.Answered(page, screen) ?? await OpenAsync(stop, viewport, p => opened = p);
            var address = Shortened(new Uri(watched.Page.Url).PathAndQuery);
            await Screenshots.SaveAsync(watched.Page, $"tour-{page}-{screen}");

            // The stop must be the page it names, or its checks would prove nothing about that page.
            Assert.True(stop.Statuses.Contains(response.Status), $"{page} ({address}) answered {response.Status}, not {string.Join(" or ", stop.Statuses)}.");
            var refusals = await watched.Page.Locator("[data-refusal]").CountAsync();
            Assert.True(stop.Refusal == refusals > 0, stop.Refusal ? $"{page} ({address}) is not a link refusal." : $"{page} ({address}) refused its link: the tour's data is wrong.");

            var problems = new List<string>();
            problems.AddRange(await PolicyCheck.ProblemsAsync(watched, response));
            problems.AddRange(watched.FailedLoads().Select(l => "not loaded: " + l));
            problems.AddRange(await AccessibilityCheck.ProblemsAsync(watched.Page));
            if (viewport.IsMobile)
            {
                problems.AddRange(await OverflowCheck.ProblemsAsync(watched.Page, viewport.Width));
            }

            foreach (var problem in problems)
            {
                output.WriteLine(problem);
            }

            Assert.True(problems.Count == 0, $"{page} on the {screen} ({address}):{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        }
        finally
        {
            if (opened is not null)
            {
                await opened.DisposeAsync();
            }
        }
    }

    /// <summary>The address with its link token cut short: the message names the page, the token is noise (and a capability).</summary>
    private static string Shortened(string pathAndQuery) =>
        string.Join('/', pathAndQuery.Split('/').Select(segment => segment.Length > 40 ? segment[..16] + "…" : segment));

    private async Task<(WatchedPage Page, Microsoft.Playwright.IResponse Response)> OpenAsync(TourPage stop, Viewport viewport, Action<WatchedPage> opened)
    {
        var watched = await WatchedPage.OpenAsync(tour.Browser, viewport);
        opened(watched);
        if (stop.SignedIn)
        {
            await watched.SignInAsync(tour.BaseAddress, PageTourData.CountyAdmin);
        }

        var address = stop.Address ?? throw new InvalidOperationException($"{stop.Name} is the answer to a form, and the tour's data did not reach it on the {viewport.Name}.");
        return (watched, await watched.GoAsync(tour.Absolute(address(tour))));
    }
}
