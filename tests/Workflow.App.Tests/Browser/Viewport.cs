using Microsoft.Playwright;

namespace Workflow.App.Tests.Browser;

/// <summary>
/// A screen the pages must work on: the phone a township or village cadre opens a link on (390×844, touch, mobile
/// layout) and the county office's desktop. Both in Chinese and Beijing time, as the people are.
/// </summary>
public sealed record Viewport(string Name, int Width, int Height, bool IsMobile)
{
    /// <summary>iPhone 12–15 class, the narrowest screen the officials use.</summary>
    public static readonly Viewport Phone = new("phone", 390, 844, IsMobile: true);

    public static readonly Viewport Desktop = new("desktop", 1280, 800, IsMobile: false);

    public static readonly IReadOnlyList<Viewport> All = [Phone, Desktop];

    public static Viewport Named(string name) => All.Single(v => v.Name == name);

    public BrowserNewContextOptions ContextOptions() => new()
    {
        ViewportSize = new ViewportSize { Width = Width, Height = Height },
        DeviceScaleFactor = IsMobile ? 2 : 1,
        IsMobile = IsMobile,
        HasTouch = IsMobile,
        Locale = "zh-CN",
        TimezoneId = "Asia/Shanghai",
    };
}
