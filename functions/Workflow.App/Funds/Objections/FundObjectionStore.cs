using Azure;
using Azure.Data.Tables;
using Workflow.App.Notices;
using Workflow.App.Storage;

namespace Workflow.App.Funds.Objections;

/// <summary>
/// The objections to fund notices in a table: PartitionKey the county, RowKey the objection id, which begins with the
/// time it was filed, so a county's objections are one query in the order they came. An answer is written once.
/// </summary>
public sealed class FundObjectionStore(TableServiceClient tables)
{
    private readonly TableClient _objections = tables.Table("fundObjections");

    public Task InitializeAsync(CancellationToken cancellationToken) => _objections.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>A new id: the filing time's ticks (so ids sort by time) and a random part.</summary>
    public static string NewId(DateTimeOffset filedAt) => $"{filedAt.UtcTicks:D19}-{Guid.NewGuid():N}";

    public Task AddAsync(FundObjection objection, string? clientIp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(objection);
        var row = ObjectionRow.Of(TableRules.Key(objection.CountyCode, "county"), TableRules.Key(objection.ObjectionId, "objection"), objection.Contact, objection.Reason,
            objection.FiledAt, clientIp);
        row["TownshipCode"] = objection.TownshipCode;
        row["Township"] = objection.Township;
        return _objections.AddCheckedAsync(row, cancellationToken);
    }

    public async Task<IReadOnlyList<FundObjection>> ListAsync(string countyCode, CancellationToken cancellationToken)
    {
        var list = new List<FundObjection>();
        await foreach (var row in _objections.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {countyCode}"), cancellationToken: cancellationToken)
                           .ConfigureAwait(false))
        {
            list.Add(FromRow(row));
        }

        return list;
    }

    public async Task<FundObjection?> GetAsync(string countyCode, string objectionId, CancellationToken cancellationToken)
    {
        var row = await _objections.GetEntityIfExistsAsync<TableEntity>(TableRules.Key(countyCode, "county"), TableRules.Key(objectionId, "objection"),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? FromRow(row.Value!) : null;
    }

    /// <summary>Writes the county's answer unless one was written first (a form sent twice); false then, and nothing changed.</summary>
    public async Task<bool> TryAnswerAsync(string countyCode, string objectionId, string by, string reply, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var row = (await _objections.GetEntityAsync<TableEntity>(countyCode, objectionId, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        if (row.GetDateTimeOffset("HandledAt") is not null)
        {
            return false;
        }

        try
        {
            await _objections.UpdateCheckedAsync(new TableEntity(countyCode, objectionId) { ["HandledBy"] = by, ["HandledAt"] = at, ["Reply"] = reply }, row.ETag,
                TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Answered meanwhile by another submission: that answer stands.
            return false;
        }
    }

    private static FundObjection FromRow(TableEntity row) => new(
        row.PartitionKey, row.GetString("TownshipCode")!, row.GetString("Township")!, row.RowKey, row.GetString("Contact")!, row.GetString("Reason")!,
        row.GetDateTimeOffset("FiledAt")!.Value, row.GetString("HandledBy"), row.GetDateTimeOffset("HandledAt"), row.GetString("Reply"));
}
