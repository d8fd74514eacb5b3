using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Workflow.App.Storage;

namespace Workflow.App.Loans;

/// <summary>
/// The county's loan ledger in a table: PartitionKey the county, RowKey the 贷款编号 (upper-cased, as banks write it
/// either way), the record as JSON. A loan is added once; the notices are added by its orchestration.
/// </summary>
public sealed class LoanStore(TableServiceClient tables)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TableClient _loans = tables.Table("smallLoans");

    public Task InitializeAsync(CancellationToken cancellationToken) => _loans.CreateIfNotExistsAsync(cancellationToken);

    public static string RowKeyOf(string loanNumber)
    {
        ArgumentNullException.ThrowIfNull(loanNumber);
        return TableRules.Key(loanNumber.ToUpperInvariant(), nameof(loanNumber));
    }

    /// <summary>Adds the loan; false when its number is in the ledger already (the stored one is kept).</summary>
    public async Task<bool> TryAddAsync(LoanRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            await _loans.AddCheckedAsync(ToEntity(record), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<LoanRecord?> GetAsync(string countyCode, string loanNumber, CancellationToken cancellationToken)
    {
        var row = await _loans.GetEntityIfExistsAsync<TableEntity>(countyCode, RowKeyOf(loanNumber), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    public async Task<IReadOnlyList<LoanRecord>> ListAsync(string countyCode, CancellationToken cancellationToken)
    {
        var list = new List<LoanRecord>();
        await foreach (var row in _loans.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {countyCode}"), cancellationToken: cancellationToken)
                           .ConfigureAwait(false))
        {
            list.Add(FromEntity(row));
        }

        return list;
    }

    /// <summary>Records a notice as sent, once: a second run of the activity keeps the first record.</summary>
    public async Task<LoanRecord> RecordNoticeAsync(string countyCode, string loanNumber, SentNotice notice, CancellationToken cancellationToken)
    {
        while (true)
        {
            var row = (await _loans.GetEntityAsync<TableEntity>(countyCode, RowKeyOf(loanNumber), cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            var current = FromEntity(row);
            if (current.NoticeSent(notice.DaysBeforeDue) is not null)
            {
                return current;
            }

            var changed = current with { Notices = [.. current.Notices, notice] };
            try
            {
                await _loans.UpdateCheckedAsync(ToEntity(changed), row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return changed;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Changed since it was read: read it again.
            }
        }
    }

    private static TableEntity ToEntity(LoanRecord record) => new(record.CountyCode, RowKeyOf(record.Loan.LoanNumber))
    {
        ["Json"] = JsonSerializer.Serialize(record, Json),
    };

    private static LoanRecord FromEntity(TableEntity entity) =>
        JsonSerializer.Deserialize<LoanRecord>(entity.GetString("Json"), Json) ?? throw new InvalidDataException($"Loan row {entity.RowKey} is empty.");
}
