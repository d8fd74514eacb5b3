using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Primitives;

namespace Workflow.App.Analytics.OData;

/// <summary>
/// The read-only OData v4 feed of the star schema for Power BI's OData connector: <c>/odata</c> (service document),
/// <c>/odata/$metadata</c> (the model's CSDL) and <c>/odata/{table}</c> with $filter, $select, $orderby, $top, $skip,
/// $count and server-driven paging (<c>@odata.nextLink</c>, <c>Prefer: odata.maxpagesize</c>). Every request needs
/// <see cref="AnalyticsAccess"/>; every refusal is an OData error body with a zh-CN message.
/// </summary>
public static class ODataEndpoints
{
    public const string Root = "/odata";

    public static IEndpointRouteBuilder MapODataFeed(this IEndpointRouteBuilder app)
    {
        var feed = app.MapGroup(Root).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            http.Response.Headers["OData-Version"] = "4.0";
            if (!http.RequestServices.GetRequiredService<AnalyticsAccess>().Allows(http))
            {
                http.Response.Headers.WWWAuthenticate = "Bearer";
                return Error(StatusCodes.Status401Unauthorized, "Unauthorized", $"请用 Entra ID 登录（Analyst 角色），或在 {AnalyticsAccess.HeaderName} 中提供 API 密钥。");
            }

            return await next(context).ConfigureAwait(false);
        });

        feed.MapGet("/", (HttpContext http) => Results.Json(new Dictionary<string, object>
        {
            ["@odata.context"] = $"{Base(http)}/$metadata",
            ["value"] = AnalyticsSchema.Tables.Select(t => new { name = t.Name, kind = "EntitySet", url = t.Name }).ToList(),
        }, contentType: JsonContentType));

        feed.MapGet("/$metadata", () => Results.Text(ODataMetadata.Csdl(), "application/xml; charset=utf-8"));

        feed.MapGet("/{entitySet}", async (string entitySet, HttpContext http, ODataFeed reader, CancellationToken cancellationToken) =>
        {
            if (AnalyticsSchema.Find(entitySet) is not { } table)
            {
                return Error(StatusCodes.Status404NotFound, "NotFound", $"没有名为“{entitySet}”的实体集。");
            }

            ODataPage page;
            try
            {
                var pageSize = PageSize(http.Request.Headers["Prefer"]);
                if (pageSize < ODataFeed.MaxPageSize)
                {
                    http.Response.Headers["Preference-Applied"] = $"odata.maxpagesize={pageSize.ToString(CultureInfo.InvariantCulture)}";
                }

                var query = ODataQueryOptions.Parse(table, http.Request.Query, pageSize);
                page = await reader.ReadAsync(query, cancellationToken).ConfigureAwait(false);
            }
            catch (ODataQueryException e)
            {
                return Error(StatusCodes.Status400BadRequest, "BadRequest", e.Message);
            }

            return Results.Stream(async body => await WriteAsync(body, Base(http), table, page, http.Request).ConfigureAwait(false), JsonContentType);
        });
        return app;
    }

    private const string JsonContentType = "application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8";

    private static string Base(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{Root}";

    // Prefer: odata.maxpagesize=N asks for smaller pages; never larger than the feed's own.
    private static int PageSize(StringValues prefer)
    {
        foreach (var part in prefer.SelectMany(p => (p ?? string.Empty).Split(',')))
        {
            var pair = part.Trim().Split('=', 2);
            if (pair.Length == 2 && pair[0].Equals("odata.maxpagesize", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0)
            {
                return Math.Min(size, ODataFeed.MaxPageSize);
            }
        }

        return ODataFeed.MaxPageSize;
    }

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new { error = new { code, message } }, statusCode: status, contentType: "application/json; charset=utf-8");

    private static async Task WriteAsync(Stream body, string root, ExportTable table, ODataPage page, HttpRequest request)
    {
        await using var json = new Utf8JsonWriter(body);
        json.WriteStartObject();
        var selected = page.Columns.Count == table.Columns.Count ? string.Empty : $"({string.Join(',', page.Columns.Select(c => c.Name))})";
        json.WriteString("@odata.context", $"{root}/$metadata#{table.Name}{selected}");
        if (page.Count is { } count)
        {
            json.WriteNumber("@odata.count", count);
        }

        json.WriteStartArray("value");
        foreach (var row in page.Rows)
        {
            json.WriteStartObject();
            for (var i = 0; i < page.Columns.Count; i++)
            {
                var column = page.Columns[i];
                json.WritePropertyName(column.Name);
                WriteValue(json, column.Type, row[i]);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (page.NextToken is { } next)
        {
            var query = request.Query.Where(q => q.Key is not ("$skiptoken" or "$top" or "$skip"))
                .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
                .Append($"$skiptoken={Uri.EscapeDataString(next)}");
            json.WriteString("@odata.nextLink", $"{root}/{table.Name}?{string.Join('&', query)}");
        }

        json.WriteEndObject();
        await json.FlushAsync().ConfigureAwait(false);
    }

    private static void WriteValue(Utf8JsonWriter json, ColumnType type, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case int number:
                json.WriteNumberValue(number);
                break;
            case long number:
                json.WriteNumberValue(number);
                break;
            case decimal number:
                json.WriteNumberValue(number);
                break;
            case double number:
                json.WriteNumberValue(number);
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            default:
                json.WriteStringValue(ExportValues.Text(type, value));
                break;
        }
    }
}
