using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Workflow.App.Storage;

namespace Workflow.App.Analytics.OData;

/// <summary>One page of an entity set: the rows (values by column, in <c>$select</c> order) and the next page's token.</summary>
public sealed record ODataPage(IReadOnlyList<ExportColumn> Columns, IReadOnlyList<object?[]> Rows, string? NextToken);

/// <summary>The query options the feed accepts for a collection, already checked.</summary>
public sealed record ODataQuery(ExportTable Table, FilterNode? Filter, IReadOnlyList<ExportColumn> Select, int? Top, int Skip, int PageSize, string? SkipToken);

/// <summary>
/// Reads the <c>pbi…</c> tables for the OData feed: server-driven paging follows the table's own continuation, carried
/// in <c>$skiptoken</c> together with what is left of <c>$top</c> and <c>$skip</c>.
/// </summary>
public sealed class ODataFeed(TableServiceClient tables)
{
    public const int MaxPageSize = 1000;

    // A page with no match is answered after this many storage pages, with a next link, so one request stays short.
    private const int StoragePagesPerRequest = 10;
    private const int MaxSkipTokenLength = 4096;

    public static ODataQuery ParseQuery(ExportTable table, IQueryCollection query, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(query);
        foreach (var key in query.Keys.Where(k => k.StartsWith('$')))
        {
            if (key is not ("$filter" or "$select" or "$top" or "$skip" or "$skiptoken" or "$format"))
            {
                throw new ODataQueryException($"The query option {key} is not supported; use $filter, $select, $top, $skip.");
            }

            if (query[key].Count > 1)
            {
                throw new ODataQueryException($"{key} is given more than once.");
            }
        }

        if (query["$format"].FirstOrDefault() is { } format && !format.StartsWith("json", StringComparison.OrdinalIgnoreCase))
        {
            throw new ODataQueryException("Only $format=json is supported.");
        }

        var filter = query["$filter"].FirstOrDefault() is { Length: > 0 } text ? FilterParser.Parse(table, text) : null;
        var select = query["$select"].FirstOrDefault() is { Length: > 0 } list
            ? list.Split(',').Select(name => name.Trim()).Select(name => table.Find(name) ?? throw new ODataQueryException($"'{name}' is not a column of {table.Name}.")).Distinct().ToList()
            : table.Columns.ToList();
        return new ODataQuery(table, filter, select, Count(query, "$top"), Count(query, "$skip") ?? 0, pageSize, query["$skiptoken"].FirstOrDefault());
    }

    public async Task<ODataPage> ReadAsync(ODataQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (continuation, top, skip) = query.SkipToken is { } token ? Decode(token) : (null, query.Top, query.Skip);
        var fetched = query.Select.Select(c => c.Name).Concat(FilterTranslation.Columns(query.Filter)).Distinct(StringComparer.Ordinal).ToList();
        var pushdown = FilterTranslation.Pushdown(query.Filter) is { } narrowing ? TableClient.CreateQueryFilter(narrowing) : null;
        var client = tables.Table(query.Table.TableName);
        var rows = new List<object?[]>();
        var pages = 0;
        try
        {
            while (top is not 0 && pages < StoragePagesPerRequest)
            {
                Page<TableEntity>? page = null;
                await foreach (var first in client.QueryAsync<TableEntity>(pushdown, query.PageSize, fetched, cancellationToken).AsPages(continuation, query.PageSize).ConfigureAwait(false))
                {
                    page = first;
                    break;
                }

                pages++;
                foreach (var entity in page!.Values)
                {
                    var values = fetched.ToDictionary(name => name, name => ExportValues.FromTable(query.Table.Find(name)!.Type, entity[name]), StringComparer.Ordinal);
                    if (query.Filter is not null && !FilterTranslation.Matches(query.Filter, values))
                    {
                        continue;
                    }

                    if (skip > 0)
                    {
                        skip--;
                        continue;
                    }

                    if (top is 0)
                    {
                        break;
                    }

                    rows.Add(query.Select.Select(c => values[c.Name]).ToArray());
                    top--;
                }

                continuation = page.ContinuationToken;
                if (string.IsNullOrEmpty(continuation))
                {
                    continuation = null;
                    break;
                }

                if (rows.Count > 0)
                {
                    break;
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Not exported yet: an empty set.
            continuation = null;
        }

        var next = continuation is not null && top is not 0 ? Encode(continuation, top, skip) : null;
        return new ODataPage(query.Select, rows, next);
    }

    private static int? Count(IQueryCollection query, string option)
    {
        if (query[option].FirstOrDefault() is not { } text)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : throw new ODataQueryException($"{option} must be a whole number ≥ 0.");
    }

    private static string Encode(string continuation, int? top, int skip) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new SkipToken(continuation, top, skip)));

    private static (string? Continuation, int? Top, int Skip) Decode(string token)
    {
        try
        {
            if (token.Length <= MaxSkipTokenLength
                && JsonSerializer.Deserialize<SkipToken>(Base64Url.DecodeFromChars(token)) is { Continuation.Length: > 0 } decoded
                && decoded.Top is null or >= 0 && decoded.Skip >= 0)
            {
                return (decoded.Continuation, decoded.Top, decoded.Skip);
            }
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            // Falls through to the refusal.
        }

        throw new ODataQueryException("$skiptoken is not one this feed issued.");
    }

    private sealed record SkipToken(string Continuation, int? Top, int Skip);
}
