using System.Text;
using Workflow.Functions.Pages;

namespace Workflow.Functions.Console;

/// <summary>
/// The county console's frame (县扶贫办工作台): the shared page layout with the console's navigation on top, so every
/// view of the campaign, the tasks, the ledger, the exit pipeline and the indicators is one click from the others.
/// The county is carried in every link (?county=), since one office may look after more than one county.
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

    /// <summary>The link to download the list on screen as CSV: the same path and filters with format=csv.</summary>
    public static string CsvLink(HttpRequest request)
    {
        var query = request.Query.Where(q => q.Key != "format").Append(new("format", "csv"));
        var href = request.Path + QueryString.Create(query.Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString())));
        return $"<p><a class=\"csv\" href=\"{PageLayout.Html.Encode(href)}\">下载 CSV</a></p>";
    }

    /// <summary>True when the request asks for the list as CSV (format=csv).</summary>
    public static bool WantsCsv(HttpRequest request) => string.Equals(request.Query["format"], "csv", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The console's views, one per navigation entry.</summary>
internal enum ConsoleView
{
    Campaign,
    Tasks,
    Ledger,
    Exits,
    Indicators,
}
