using System.Text;
using Workflow.Domain.Register;
using Workflow.App.Pages;
using Workflow.App.Register;

namespace Workflow.App.Console;

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

    // Wide tables scroll inside their box on a phone instead of widening the page; flags carry text, not colour alone.
    private const string Styles = """
        <style>
          nav.console { margin: 0 0 1rem; padding-bottom: .5rem; border-bottom: 1px solid #ccc; } nav.console a, nav.console strong { margin-right: .8rem; }
          .scroll { overflow-x: auto; max-width: 100%; } table.matrix th { white-space: nowrap; } td.num, th.num { text-align: right; } tr.total td, tr.total th { font-weight: bold; border-top: 2px solid #888; }
          .flag { font-weight: bold; white-space: nowrap; } .flag.pass { color: #05712f; } .flag.fail { color: #b00020; }
        </style>
        """;

    /// <summary>A console page; <paramref name="body"/> must hold only encoded text.</summary>
    public static IResult Render(ConsoleView current, string countyCode, string title, string body, int status = StatusCodes.Status200OK)
    {
        var nav = new StringBuilder(Styles).Append("<nav class=\"console\">");
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

    /// <summary>
    /// The county a console view was asked for, with its townships and villages, or the page that refuses the request:
    /// 400 for a code that is not six digits, 404 for a county with no register here.
    /// </summary>
    public static async Task<(County? Places, IResult? Refusal)> FindCountyAsync(string? countyCode, CountyDirectory directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!CountyDirectory.IsCountyCode(countyCode))
        {
            return (null, PageLayout.Page("县代码有误", "<p class=\"bad\">请用 ?county= 指定 6 位数字的县代码，例如 ?county=532331。</p>", StatusCodes.Status400BadRequest));
        }

        var places = await directory.FindPlacesAsync(countyCode, cancellationToken).ConfigureAwait(false);
        return places is null
            ? (null, PageLayout.Page("未找到该县", $"<p class=\"bad\">县代码 {PageLayout.Html.Encode(countyCode)} 尚未登记：本系统没有该县的名册。请核对县代码，或先在 /register 导入该县名册。</p>",
                StatusCodes.Status404NotFound))
            : (places, null);
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
