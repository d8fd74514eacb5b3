using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Workflow.App.Storage;

namespace Workflow.App.Loans;

/// <summary>
/// The county's loan ledger in a table: PartitionKey the county, RowKey the 贷款编号 (upper-cased, as banks write it
/// either way), the record as JSON. A loan is added once and revised by later ledgers; the notices are added by its
/// orchestrations.
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

    /// <summary>
    /// Keeps the loan as the bank's ledger now has it: added when new; when its number is in the ledger already, left as
    /// it is if nothing changed, refused if the file names another household, and otherwise revised (展期, a corrected
    /// amount or bank) with its first import and its notices kept, each stamped with the due date it was sent for.
    /// </summary>
    public async Task<LoanSaved> SaveAsync(LoanRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            await _loans.AddCheckedAsync(ToEntity(record), cancellationToken).ConfigureAwait(false);
            return new LoanSaved(LoanSaveKind.Added, null, record);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // In the ledger already: compare below.
        }

        while (true)
        {
            var row = (await _loans.GetEntityAsync<TableEntity>(record.CountyCode, RowKeyOf(record.Loan.LoanNumber), cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            var stored = FromEntity(row);
            var loan = record.Loan with { LoanNumber = stored.Loan.LoanNumber };
            if (!string.Equals(loan.HouseholdNumber, stored.Loan.HouseholdNumber, StringComparison.Ordinal))
            {
                return new LoanSaved(LoanSaveKind.OtherHousehold, stored, stored);
            }

            if (loan == stored.Loan)
            {
                return new LoanSaved(LoanSaveKind.Unchanged, stored, stored);
            }

            var revised = record with
            {
                Loan = loan,
                ImportedAt = stored.ImportedAt,
                RevisedAt = record.ImportedAt,
                Notices = [.. stored.Notices.Select(n => n with { DueDate = n.DueDate ?? stored.Loan.DueDate })],
            };
            try
            {
                await _loans.UpdateCheckedAsync(ToEntity(revised), row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return new LoanSaved(LoanSaveKind.Revised, stored, revised);
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // A notice was recorded meanwhile: read it again.
            }
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

    /// <summary>Records a notice as sent for its due date, once: a second run of the activity keeps the first record.</summary>
    public async Task<LoanRecord> RecordNoticeAsync(string countyCode, string loanNumber, SentNotice notice, CancellationToken cancellationToken)
    {
        while (true)
        {
            var row = (await _loans.GetEntityAsync<TableEntity>(countyCode, RowKeyOf(loanNumber), cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            var current = FromEntity(row);
            if (current.Notices.Any(n => n.DaysBeforeDue == notice.DaysBeforeDue && (n.DueDate ?? current.Loan.DueDate) == notice.DueDate))
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

/// <summary>What saving a loan of a ledger did.</summary>
public enum LoanSaveKind
{
    Added,
    Unchanged,
    Revised,

    /// <summary>The 贷款编号 is kept for another household: nothing changed.</summary>
    OtherHousehold,
}

/// <summary>What saving a loan did, the record as stored before (null when added) and as it now stands.</summary>
public sealed record LoanSaved(LoanSaveKind Kind, LoanRecord? Previous, LoanRecord Current);
