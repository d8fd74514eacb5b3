using Azure.Data.Tables;
using Workflow.App.Storage;
using Workflow.Domain.Calendar;

namespace Workflow.App.Entries;

/// <summary>One row per county and year (PartitionKey the county, RowKey the year): who opened and closed its 动态调整 and when.</summary>
public sealed class EntryWindowStore(TableServiceClient tables, TimeProvider time)
{
    private readonly TableClient Windows = tables.Table("entryWindows");

    public Task InitializeAsync(CancellationToken cancellationToken) => Windows.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>The year the county office works in now (Beijing).</summary>
    public int CurrentYear => ShanghaiTime.DateOf(time.GetUtcNow()).Year;

    public async Task<EntryWindow?> GetAsync(string countyCode, int year, CancellationToken cancellationToken)
    {
        var found = await Windows.GetEntityIfExistsAsync<TableEntity>(countyCode, Key(year), cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue && found.Value is { } row
            ? new EntryWindow(countyCode, year, row.GetString("OpenedBy")!, row.GetDateTimeOffset("OpenedAt")!.Value,
                row.GetString("ClosedBy") is { Length: > 0 } by ? by : null, row.GetString("ClosedBy") is { Length: > 0 } ? row.GetDateTimeOffset("ClosedAt") : null)
            : null;
    }

    /// <summary>Opens the year's window (again, when it was closed); an open window stays as it was opened.</summary>
    public async Task<EntryWindow> OpenAsync(string countyCode, int year, string openedBy, CancellationToken cancellationToken)
    {
        if (await GetAsync(countyCode, year, cancellationToken).ConfigureAwait(false) is { IsOpen: true } open)
        {
            return open;
        }

        var at = time.GetUtcNow();
        await Windows.UpsertCheckedAsync(new TableEntity(countyCode, Key(year))
        {
            ["OpenedBy"] = openedBy, ["OpenedAt"] = at, ["ClosedBy"] = string.Empty,
        }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return new EntryWindow(countyCode, year, openedBy, at, null, null);
    }

    /// <summary>Closes the year's window; null when it was never opened. A closed window stays as it was closed.</summary>
    public async Task<EntryWindow?> CloseAsync(string countyCode, int year, string closedBy, CancellationToken cancellationToken)
    {
        if (await GetAsync(countyCode, year, cancellationToken).ConfigureAwait(false) is not { } window || !window.IsOpen)
        {
            return await GetAsync(countyCode, year, cancellationToken).ConfigureAwait(false);
        }

        var at = time.GetUtcNow();
        await Windows.UpsertCheckedAsync(new TableEntity(countyCode, Key(year)) { ["ClosedBy"] = closedBy, ["ClosedAt"] = at }, TableUpdateMode.Merge, cancellationToken)
            .ConfigureAwait(false);
        return window with { ClosedBy = closedBy, ClosedAt = at };
    }

    private static string Key(int year) => year.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
