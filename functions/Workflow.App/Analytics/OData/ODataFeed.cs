using Azure;
using Azure.Data.Tables;
using Workflow.App.Storage;

namespace Workflow.App.Analytics.OData;

/// <summary>One page of an entity set: the rows (values by column, in <c>$select</c> order), the count when asked, and the next page's token.</summary>
public sealed record ODataPage(IReadOnlyList<ExportColumn> Columns, IReadOnlyList<object?[]> Rows, long? Count, string? NextToken);

/// <summary>
/// Reads the <c>pbi…</c> tables for the OData feed. Without <c>$orderby</c> rows come in storage order and server-driven
/// paging follows the table's own continuation; with it, the (filtered) rows are sorted in memory, at most
/// <see cref="MaxOrderedRows"/> of them, and pages go by position. Either way the <see cref="FeedSkipToken"/> carries
/// what is left of <c>$top</c> and <c>$skip</c>, and the count once it is known.
/// </summary>
public sealed class ODataFeed(TableServiceClient tables)
{
    public const int MaxPageSize = 1000;

    /// <summary>The most rows a <c>$orderby</c> sorts; beyond it the request is refused (ask for a narrower <c>$filter</c>).</summary>
    public const int MaxOrderedRows = 50_000;

    // A page with no match is answered after this many storage pages, with a next link, so one request stays short.
    private const int StoragePagesPerRequest = 10;

    public async Task<ODataPage> ReadAsync(ODataQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var ordered = query.OrderBy.Count > 0;
        var token = query.SkipToken is { } text
            ? FeedSkipToken.Decode(text, ordered)
            : new FeedSkipToken(null, query.Top, query.Skip, query.Count ? await CountAsync(query, cancellationToken).ConfigureAwait(false) : null);
        return ordered
            ? await ReadOrderedAsync(query, token, cancellationToken).ConfigureAwait(false)
            : await ReadInStorageOrderAsync(query, token, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ODataPage> ReadInStorageOrderAsync(ODataQuery query, FeedSkipToken token, CancellationToken cancellationToken)
    {
        var (continuation, top, skip) = (token.Continuation, token.Top, token.Skip);
        var fetched = Fetched(query, query.Select);
        var rows = new List<object?[]>();
        var pages = 0;
        try
        {
            while (top is not 0 && pages < StoragePagesPerRequest)
            {
                var page = await FirstPageAsync(query, fetched, continuation, query.PageSize, cancellationToken).ConfigureAwait(false);
                pages++;
                foreach (var values in Matching(query, fetched, page.Values))
                {
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

                continuation = string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken;
                if (continuation is null || rows.Count > 0)
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

        var next = continuation is not null && top is not 0 ? new FeedSkipToken(continuation, top, skip, token.Count).Encode() : null;
        return new ODataPage(query.Select, rows, token.Count, next);
    }

    private async Task<ODataPage> ReadOrderedAsync(ODataQuery query, FeedSkipToken token, CancellationToken cancellationToken)
    {
        var all = await ReadAllAsync(query, query.Select.Concat(query.OrderBy.Select(o => o.Column)).Append(query.Table.Key), MaxOrderedRows, cancellationToken).ConfigureAwait(false);
        all.Sort(new RowOrder(query.OrderBy, query.Table.Key));
        var size = (int)Math.Min(query.PageSize, token.Top ?? long.MaxValue);
        var rows = all.Skip((int)Math.Min(token.Skip, int.MaxValue)).Take(size).Select(values => query.Select.Select(c => values[c.Name]).ToArray()).ToList();
        var top = token.Top - rows.Count;
        var position = token.Skip + rows.Count;
        var next = position < all.Count && top is not 0 ? new FeedSkipToken(null, top, position, token.Count).Encode() : null;
        return new ODataPage(query.Select, rows, token.Count, next);
    }

    /// <summary>The count of rows the filter keeps: a scan that fetches only the filter's columns.</summary>
    private async Task<long> CountAsync(ODataQuery query, CancellationToken cancellationToken)
    {
        var fetched = Fetched(query, [query.Table.Key]);
        long count = 0;
        string? continuation = null;
        try
        {
            do
            {
                var page = await FirstPageAsync(query, fetched, continuation, MaxPageSize, cancellationToken).ConfigureAwait(false);
                count += Matching(query, fetched, page.Values).LongCount();
                continuation = string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken;
            }
            while (continuation is not null);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return 0;
        }

        return count;
    }

    private async Task<List<Dictionary<string, object?>>> ReadAllAsync(ODataQuery query, IEnumerable<ExportColumn> columns, int limit, CancellationToken cancellationToken)
    {
        var fetched = Fetched(query, columns);
        var rows = new List<Dictionary<string, object?>>();
        string? continuation = null;
        try
        {
            do
            {
                var page = await FirstPageAsync(query, fetched, continuation, MaxPageSize, cancellationToken).ConfigureAwait(false);
                rows.AddRange(Matching(query, fetched, page.Values));
                if (rows.Count > limit)
                {
                    throw new ODataQueryException($"$orderby 最多排序 {limit:N0} 行；请用 $filter 缩小范围，或去掉 $orderby 按存储顺序分页读取。");
                }

                continuation = string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken;
            }
            while (continuation is not null);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            rows.Clear();
        }

        return rows;
    }

    // The columns asked for and those the filter reads: the SDK returns only the properties named.
    private static List<string> Fetched(ODataQuery query, IEnumerable<ExportColumn> columns) =>
        columns.Select(c => c.Name).Concat(FilterTranslation.Columns(query.Filter)).Distinct(StringComparer.Ordinal).ToList();

    private async Task<Page<TableEntity>> FirstPageAsync(ODataQuery query, List<string> fetched, string? continuation, int size, CancellationToken cancellationToken)
    {
        // The storage filter holds the schema's names and operators only; every literal was quoted by CreateQueryFilter.
        var pushdown = FilterTranslation.Pushdown(query.Filter) is { } narrowing ? TableClient.CreateQueryFilter(narrowing) : null;
        await foreach (var page in tables.Table(query.Table.TableName).QueryAsync<TableEntity>(pushdown, size, fetched, cancellationToken).AsPages(continuation, size).ConfigureAwait(false))
        {
            return page;
        }

        return Page<TableEntity>.FromValues([], null, null!);
    }

    private static IEnumerable<Dictionary<string, object?>> Matching(ODataQuery query, List<string> fetched, IEnumerable<TableEntity> entities)
    {
        foreach (var entity in entities)
        {
            var values = fetched.ToDictionary(name => name, name => ExportValues.FromTable(query.Table.Find(name)!.Type, entity[name]), StringComparer.Ordinal);
            if (query.Filter is null || FilterTranslation.Matches(query.Filter, values))
            {
                yield return values;
            }
        }
    }

    /// <summary>$orderby's keys, nulls first ascending as OData orders them, then the table's key so the order is total and pages never overlap.</summary>
    private sealed class RowOrder(IReadOnlyList<OrderKey> keys, ExportColumn tableKey) : IComparer<Dictionary<string, object?>>
    {
        public int Compare(Dictionary<string, object?>? x, Dictionary<string, object?>? y)
        {
            foreach (var key in keys.Append(new OrderKey(tableKey, Descending: false)))
            {
                var order = Values(x![key.Column.Name], y![key.Column.Name]);
                if (order != 0)
                {
                    return key.Descending ? -order : order;
                }
            }

            return 0;
        }

        private static int Values(object? a, object? b) => (a, b) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            (string s, string t) => string.CompareOrdinal(s, t),
            (IComparable c, _) => c.CompareTo(b),
            _ => 0,
        };
    }
}
