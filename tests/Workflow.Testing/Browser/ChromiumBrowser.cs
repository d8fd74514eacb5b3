using Microsoft.Playwright;
using Xunit;

namespace Workflow.Testing.Browser;

/// <summary>
/// One headless Debian chromium driven by Playwright, shared by the tests of a class (an <c>IClassFixture</c>) or
/// used on its own with <see cref="LaunchAsync"/>. The machines have no internet, so Playwright cannot download its
/// own browser: it drives the distribution's chromium instead, which <c>scripts/test.sh</c> installs. A missing
/// browser fails the tests loudly rather than skipping them, so a green run always means the pages were looked at.
/// </summary>
public sealed class ChromiumBrowser : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>Where Debian's <c>chromium</c> package puts its launcher.</summary>
    public const string DefaultExecutablePath = "/usr/bin/chromium";

    /// <summary>Lets a machine with chromium elsewhere (another distribution, a developer's Mac) run the same tests.</summary>
    public const string ExecutablePathVariable = "CHROMIUM_PATH";

    /// <summary>
    /// Containers run as root without a user namespace (sandbox), have no GPU and a small /dev/shm; background
    /// networking would only try to reach Google and wait for timeouts on a machine without internet.
    /// </summary>
    private static readonly string[] LaunchArguments = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable(ExecutablePathVariable) is { Length: > 0 } path ? path : DefaultExecutablePath;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium has not started: await InitializeAsync (xunit does it for a fixture) or use LaunchAsync.");

    /// <summary>For tests that want a browser of their own outside a fixture: <c>await using var chromium = await ChromiumBrowser.LaunchAsync();</c>.</summary>
    public static async Task<ChromiumBrowser> LaunchAsync()
    {
        var chromium = new ChromiumBrowser();
        try
        {
            await chromium.InitializeAsync();
            return chromium;
        }
        catch
        {
            await chromium.DisposeAsync();
            throw;
        }
    }

    public async Task InitializeAsync()
    {
        var executable = ExecutablePath;
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException(
                $"The browser tests need chromium at {executable} and it is not there. Install Debian's package " +
                $"(bash scripts/test.sh does it: apt-get install -y --no-install-recommends chromium) or set {ExecutablePathVariable} to a Chromium executable.",
                executable);
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = LaunchArguments,
        });
    }

    /// <summary>
    /// A page in a fresh context (own cookies and storage) as the township and village cadres see the service: a
    /// 390 px wide phone (iPhone 12–15 class) with touch, set to Chinese and Beijing time. The context closes with the
    /// browser; a test that needs it gone sooner closes <c>page.Context</c>.
    /// </summary>
    public async Task<IPage> NewPhonePageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });
        return await context.NewPageAsync();
    }

    /// <summary>Safe to call twice: xunit may dispose a fixture both as <see cref="IAsyncLifetime"/> and as <see cref="IAsyncDisposable"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            _browser = null;
        }

        _playwright?.Dispose();
        _playwright = null;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
