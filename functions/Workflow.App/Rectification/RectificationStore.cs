using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Workflow.Domain.Rectification;
using Workflow.App.Exits;
using Workflow.App.Storage;

namespace Workflow.App.Rectification;

/// <summary>
/// 整改台账 in tables: one row per item with PartitionKey county-year (a county's ledger for a campaign year is one
/// partition, the query every view and gate makes) and RowKey the item id; and each item's timeline (PartitionKey the
/// item id, RowKey the orchestration's sequence number, so a repeated write replaces itself).
/// </summary>
public sealed class RectificationStore(TableServiceClient tables) : IRectificationLedger
{
    private const string ItemsTable = "rectifications";
    private const string TimelineTableName = "rectificationTimeline";
    private const string DateFormat = "yyyy-MM-dd";

    private readonly TableClient Items = tables.Table(ItemsTable);

    private readonly TimelineTable Timeline = new(tables.Table(TimelineTableName));

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await Items.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await Timeline.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
    }

    public static string PartitionOf(string countyCode, int year) => string.Create(CultureInfo.InvariantCulture, $"{countyCode}-{year:D4}");

    /// <summary>Adds the item; false when it exists already (the same finding was entered before).</summary>
    public async Task<bool> TryAddAsync(RectificationItem item, CancellationToken cancellationToken)
    {
        try
        {
            await Items.AddCheckedAsync(ToEntity(item, 0), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<RectificationItem?> GetAsync(string itemId, CancellationToken cancellationToken)
    {
        if (RectificationItemId.Parse(itemId) is not { } key)
        {
            return null;
        }

        var row = await Items.GetEntityIfExistsAsync<TableEntity>(PartitionOf(key.CountyCode, key.Year), TableRules.Key(itemId, nameof(itemId)), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    /// <summary>
    /// Applies one transition of the item's orchestration, once: the row remembers the sequence number of the last
    /// change, and an activity that runs again (at least once) finds its change made and leaves the row alone.
    /// </summary>
    /// <returns>The item after the change.</returns>
    public async Task<RectificationItem> UpdateAsync(string itemId, int sequence, Func<RectificationItem, RectificationItem> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var (county, year) = RectificationItemId.Parse(itemId) ?? throw new ArgumentException($"'{itemId}' is not an item id.", nameof(itemId));
        while (true)
        {
            var row = await Items.GetEntityAsync<TableEntity>(PartitionOf(county, year), TableRules.Key(itemId, nameof(itemId)), cancellationToken: cancellationToken).ConfigureAwait(false);
            var current = FromEntity(row.Value);
            if ((row.Value.GetInt32("Progress") ?? 0) >= sequence)
            {
                return current;
            }

            var changed = change(current);
            try
            {
                await Items.UpdateCheckedAsync(ToEntity(changed, sequence), row.Value.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return changed;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Changed since it was read: read it again.
            }
        }
    }

    /// <summary>
    /// The county's items for the year matching the query; every value reaches the filter as an argument of
    /// <see cref="TableClient.CreateQueryFilter(FormattableString)"/>, which quotes and escapes it.
    /// </summary>
    /// <param name="today">The Beijing date that decides what is overdue.</param>
    public async Task<IReadOnlyList<RectificationItem>> ListAsync(RectificationQuery query, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        // The filter's text holds only property names and placeholders; each value is an argument, quoted by the SDK.
        var format = new StringBuilder("PartitionKey eq {0}");
        var values = new List<object> { PartitionOf(query.CountyCode, query.Year) };
        void And(string condition, object value)
        {
            format.Append(" and ").Append(condition.Replace("{}", string.Create(CultureInfo.InvariantCulture, $"{{{values.Count}}}"), StringComparison.Ordinal));
            values.Add(value);
        }

        if (query.Source is { } source)
        {
            And("Source eq {}", source.ToString());
        }

        if (query.SourceLabel is { } label)
        {
            And("SourceLabel eq {}", label);
        }

        if (query.ResponsibleUnit is { Length: > 0 } unit)
        {
            And("ResponsibleUnit eq {}", unit);
        }

        if (query.Township is { Length: > 0 } township)
        {
            And("(TownshipCode eq {} or Township eq {})", township);
        }

        if (query.Status is { } status)
        {
            And("Status eq {}", status.ToString());
        }

        var filter = TableClient.CreateQueryFilter(FormattableStringFactory.Create(format.ToString(), [.. values]));
        var items = new List<RectificationItem>();
        await foreach (var row in Items.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var item = FromEntity(row);
            if (query.OverdueOnly != true || item.IsOverdue(today))
            {
                items.Add(item);
            }
        }

        return items.OrderBy(i => i.Deadline).ThenBy(i => i.ItemId, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<UnclosedRectification>> ListUnclosedAsync(string countyCode, int year, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(countyCode, year)} and Status ne {RectificationStatus.Closed.ToString()}");
        var items = new List<RectificationItem>();
        await foreach (var row in Items.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            items.Add(FromEntity(row));
        }

        return items.OrderBy(i => i.Deadline).ThenBy(i => i.ItemId, StringComparer.Ordinal)
            .Select(i => new UnclosedRectification(i.ItemId, i.Finding.Source, i.Finding.Description, i.Finding.ResponsibleUnit, i.Deadline,
                Domain.Register.ChineseTerms.Of(i.Status), i.Finding.SourceLabel))
            .ToList();
    }

    public async Task<int> CountFindingsAsync(string countyCode, int year, FindingSource source, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(countyCode, year)} and Source eq {source.ToString()}");
        var count = 0;
        await foreach (var _ in Items.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// Every year's ledger of a county, year after year (one partition after another, as the service returns them),
    /// with only the columns the analytics export needs: one range query over the county's partitions.
    /// </summary>
    public async IAsyncEnumerable<LedgerEntry> ReadCountyAsync(string countyCode, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {PartitionOf(countyCode, 0)} and PartitionKey le {PartitionOf(countyCode, 9999)}");
        // The SDK returns only the selected properties: the keys are named too.
        string[] columns = ["PartitionKey", "RowKey", "Source", "SourceLabel", "Category", "ResponsibleUnit", "TownshipCode", "Status", "Round", "FindingDeadline", "Deadline", "Stage", "EnteredAt", "ClosedAt"];
        await foreach (var row in Items.QueryAsync<TableEntity>(filter, select: columns, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var dash = row.PartitionKey.IndexOf('-', StringComparison.Ordinal);
            yield return new LedgerEntry(
                row.RowKey,
                row.PartitionKey[..dash],
                int.Parse(row.PartitionKey.AsSpan(dash + 1), CultureInfo.InvariantCulture),
                Enum.Parse<FindingSource>(row.GetString("Source")!),
                row.GetString("Category")!,
                row.GetString("ResponsibleUnit")!,
                row.GetString("TownshipCode"),
                Enum.Parse<RectificationStatus>(row.GetString("Status")!),
                row.GetInt32("Round")!.Value,
                Date(row.GetString("FindingDeadline")!),
                Date(row.GetString("Deadline")!),
                Enum.Parse<OverdueStage>(row.GetString("Stage")!),
                row.GetDateTimeOffset("EnteredAt")!.Value,
                row.GetDateTimeOffset("ClosedAt"),
                row.GetString("SourceLabel"));
        }
    }

    /// <summary>Records a line of the item's history; writing the same sequence number again keeps one line.</summary>
    public Task AppendTimelineAsync(string itemId, TimelineEntry entry, CancellationToken cancellationToken) =>
        Timeline.AppendAsync(itemId, entry, cancellationToken);

    public Task<IReadOnlyList<TimelineEntry>> ReadTimelineAsync(string itemId, CancellationToken cancellationToken) =>
        Timeline.ReadAsync(itemId, cancellationToken);

    private static TableEntity ToEntity(RectificationItem item, int progress)
    {
        var f = item.Finding;
        var row = new TableEntity(PartitionOf(item.CountyCode, item.Year), TableRules.Key(item.ItemId, nameof(item.ItemId)))
        {
            ["Source"] = f.Source.ToString(),
            ["Category"] = f.Category,
            ["Description"] = f.Description,
            ["ResponsibleUnit"] = f.ResponsibleUnit,
            ["FindingDeadline"] = f.Deadline.ToString(DateFormat, CultureInfo.InvariantCulture),
            ["Status"] = item.Status.ToString(),
            ["Round"] = item.Round,
            ["Deadline"] = item.Deadline.ToString(DateFormat, CultureInfo.InvariantCulture),
            ["Stage"] = item.Stage.ToString(),
            ["EnteredAt"] = item.EnteredAt,
            ["EnteredBy"] = item.EnteredBy,
            ["Progress"] = progress,
        };
        // Source stays the member name, as rows written before county sources were; a county's own source is
        // CountyDefined with its name beside it, so gates and counts by source keep one stable key per built-in source.
        Optional(row, "SourceLabel", f.SourceLabel);
        Optional(row, "TownshipCode", f.TownshipCode);
        Optional(row, "Township", f.Township);
        Optional(row, "SendBackReason", item.SendBackReason);
        Optional(row, "CurrentStep", item.CurrentStep);
        if (item.ClosedAt is { } closed)
        {
            row["ClosedAt"] = closed;
        }

        return row;
    }

    private static RectificationItem FromEntity(TableEntity row)
    {
        var dash = row.PartitionKey.IndexOf('-', StringComparison.Ordinal);
        var finding = new Finding(
            Enum.Parse<FindingSource>(row.GetString("Source")!),
            row.GetString("Category")!,
            row.GetString("Description")!,
            row.GetString("ResponsibleUnit")!,
            row.GetString("TownshipCode"),
            row.GetString("Township"),
            Date(row.GetString("FindingDeadline")!),
            row.GetString("SourceLabel"));
        return new RectificationItem(
            row.RowKey,
            row.PartitionKey[..dash],
            int.Parse(row.PartitionKey.AsSpan(dash + 1), CultureInfo.InvariantCulture),
            finding,
            Enum.Parse<RectificationStatus>(row.GetString("Status")!),
            row.GetInt32("Round")!.Value,
            Date(row.GetString("Deadline")!),
            Enum.Parse<OverdueStage>(row.GetString("Stage")!),
            row.GetString("SendBackReason"),
            row.GetDateTimeOffset("EnteredAt")!.Value,
            row.GetString("EnteredBy")!,
            row.GetDateTimeOffset("ClosedAt"));
    }

    private static DateOnly Date(string text) => DateOnly.ParseExact(text, DateFormat, CultureInfo.InvariantCulture);

    private static void Optional(TableEntity row, string name, string? value)
    {
        if (value is not null)
        {
            row[name] = value;
        }
    }
}

/// <summary>Which items a ledger view shows; null members do not filter.</summary>
/// <param name="Township">A township's code or name.</param>
/// <param name="SourceLabel">The name of a county's own source, with <paramref name="Source"/> CountyDefined.</param>
public sealed record RectificationQuery(
    string CountyCode, int Year, FindingSource? Source = null, string? ResponsibleUnit = null, string? Township = null,
    RectificationStatus? Status = null, bool? OverdueOnly = null, string? SourceLabel = null)
{
    /// <summary>The source filter as the ledger's select list names it, or null when the view shows every source.</summary>
    public string? SourceName => Source is { } source ? FindingSourceChoices.NameOf(source, SourceLabel) : null;
}
