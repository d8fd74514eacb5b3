using System.Text;
using Workflow.App.Pages;

namespace Workflow.App.Console;

/// <summary>
/// The console's old string-built frame, kept only for Rectification/Web/LedgerConsole.cs until that view moves to
/// <see cref="ConsoleShell"/>; delete this file then. New views use ConsoleShell and <see cref="ConsoleRequest"/>.
/// </summary>
internal static class ConsolePage
{
    private static readonly (ConsoleView View, string Path, string Label)[] Views =
    [
        (ConsoleView.Campaign, "/console", "攻坚看板"),
        (ConsoleView.Tasks, "/console/tasks", "任务清单"),
        (ConsoleView.Ledger, "/console/ledger", "整改台账"),
        (ConsoleView.Exits, "/console/exits", "退出进度"),
        (ConsoleView.Indicators, "/console/indicators", "指标监测"),
    ];

    /// <summary>A console page; <paramref name="body"/> must hold only encoded text.</summary>
    public static IResult Render(ConsoleView current, string countyCode, string title, string body, int status = StatusCodes.Status200OK)
    {
        var nav = new StringBuilder("<nav class=\"console\">");
        foreach (var (view, path, label) in Views)
        {
            var href = PageLayout.Html.Encode($"{path}?county={Uri.EscapeDataString(countyCode)}");
            nav.Append(view == current ? $"<strong>{label}</strong> " : $"<a href=\"{href}\">{label}</a> ");
        }

        nav.Append("</nav>");
        return PageLayout.Page(title, nav + body, status);
    }

    /// <summary>The link to download the list on screen as CSV.</summary>
    public static string CsvLink(HttpRequest request) =>
        $"<p><a class=\"csv\" href=\"{PageLayout.Html.Encode(ConsoleRequest.CsvHref(request))}\">下载 CSV</a></p>";

    /// <summary>True when the request asks for the list as CSV (format=csv).</summary>
    public static bool WantsCsv(HttpRequest request) => ConsoleRequest.WantsCsv(request);
}
