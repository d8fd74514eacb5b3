using Workflow.App.Pages;
using Workflow.App.Register;
using Workflow.Domain.Register;

namespace Workflow.App.Console;

/// <summary>
/// What every console view reads from its request: the county (?county=, with its townships and villages) and whether
/// the list is wanted as CSV (format=csv), with the address of that download.
/// </summary>
internal static class ConsoleRequest
{
    /// <summary>
    /// The county a console view was asked for, with its townships and villages, or the page that refuses the request:
    /// 400 for a code that is not six digits, 404 for a county with no register here.
    /// </summary>
    public static async Task<(County? Places, IResult? Refusal)> FindCountyAsync(string? countyCode, CountyDirectory directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!CountyDirectory.IsCountyCode(countyCode))
        {
            return (null, PageResults.Message("县代码有误", "请用 ?county= 指定 6 位数字的县代码，例如 ?county=532331。", StatusCodes.Status400BadRequest,
                onward: PageLink.Home));
        }

        var places = await directory.FindPlacesAsync(countyCode, cancellationToken).ConfigureAwait(false);
        return places is null
            ? (null, PageResults.Message("未找到该县", $"县代码 {countyCode} 尚未登记：本系统没有该县的名册。请核对县代码，或先在 /register 导入该县名册。",
                StatusCodes.Status404NotFound, onward: new PageLink("/register", "导入名册")))
            : (places, null);
    }

    /// <summary>True when the request asks for the list as CSV (format=csv).</summary>
    public static bool WantsCsv(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return string.Equals(request.Query["format"], "csv", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The address of the list on screen as CSV: the same path and filters with format=csv (unencoded; Razor encodes it).</summary>
    public static string CsvHref(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query.Where(q => q.Key != "format").Append(new("format", "csv"));
        return request.Path + QueryString.Create(query.Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString())));
    }
}
