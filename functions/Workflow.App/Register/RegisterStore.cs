using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Workflow.Domain.Register;
using Workflow.App.Storage;

namespace Workflow.App.Register;

/// <summary>Reads and writes the households of the register and keeps each county's index in step with them.</summary>
public sealed class RegisterStore(RegisterTables tables)
{
    /// <summary>Table storage's limit on the actions of one entity group transaction (SubmitCheckedAsync refuses more).</summary>
    private const int TransactionSize = TableRules.MaxTransactionActions;

    /// <summary>Enough to keep the storage service busy while one transaction is on the wire, without flooding Azurite.</summary>
    private const int ConcurrentTransactions = 4;

    public async Task<RegisterIndex> ReadIndexAsync(string countyCode, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return await RegisterIndex.ReadAsync(tables.Index, countyCode, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the households that are new or differ from what <paramref name="index"/> records, and leaves the others
    /// untouched, so saving the same households twice changes nothing. The caller has already refused members who
    /// are registered in another household (<see cref="RegisterImportBatch"/> does).
    /// </summary>
    /// <param name="index">The county's index as read before these households were decided; stale afterwards.</param>
    public async Task<RegisterWrite> SaveAsync(string countyCode, RegisterIndex index, IEnumerable<RegisteredHousehold> households, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(countyCode);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(households);
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);

        var plan = new WritePlan();
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        var memberHashes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var registered in households)
        {
            var number = registered.Household.Number;
            if (!numbers.Add(number))
            {
                throw new ArgumentException($"Household {number} is given twice.", nameof(households));
            }

            var hashes = registered.Household.Members.Select(m => RegisterKeys.HashOf(m.IdNumber)).ToList();
            if (!hashes.TrueForAll(memberHashes.Add))
            {
                throw new ArgumentException($"Household {number} has a member who is also given in another household or twice in it.", nameof(households));
            }

            plan.Add(countyCode, registered, hashes, index.Household(number));
        }

        // A member's index row is removed only when it still points at the household the member left: if another
        // household has claimed the number since, the row is that household's now.
        var leftMembers = plan.LeftMembers
            .Where(left => !memberHashes.Contains(left.Hash) && index.HouseholdOfMember(left.Hash) == left.Household)
            .Select(left => left.Hash)
            .ToList();

        // A changed household keeps what its cases wrote: the stored row is read before the file's row replaces it.
        var statusKept = 0;
        foreach (var chunk in plan.Rewritten.Chunk(16))
        {
            var carried = await Task.WhenAll(chunk.Select(async rewrite =>
            {
                var stored = await ReadRowAsync(tables.Households, RegisterKeys.TownshipPartition(countyCode, rewrite.Stored.TownshipCode), rewrite.Row.RowKey, cancellationToken)
                    .ConfigureAwait(false);
                return stored is not null && HouseholdEntity.CarryCaseColumns(stored, rewrite.Row);
            })).ConfigureAwait(false);
            statusKept += carried.Count(kept => kept);
        }

        // The order is what makes an interrupted save safe to repeat: household rows first, then the members' index
        // rows, and last each household's index entry with its fingerprint. Until that entry is written the household
        // reads as changed, so the next import or load writes it again.
        await UpsertAsync(tables.Households, plan.HouseholdRows, cancellationToken).ConfigureAwait(false);
        foreach (var (partitionKey, rowKey) in plan.MovedAway)
        {
            await tables.Households.DeleteEntityAsync(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        await UpsertAsync(tables.Index, plan.MemberRows, cancellationToken).ConfigureAwait(false);
        foreach (var hash in leftMembers)
        {
            await tables.Index.DeleteEntityAsync(countyCode, RegisterKeys.MemberIndexRow(hash), cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        await UpsertAsync(tables.Index, plan.IndexRows, cancellationToken).ConfigureAwait(false);
        return new RegisterWrite(plan.Added, plan.Changed, plan.Unchanged, statusKept);
    }

    /// <summary>All households of one township: one partition, in household-number order.</summary>
    public async IAsyncEnumerable<RegisteredHousehold> ReadTownshipAsync(
        string countyCode, string townshipCode, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var partition = TableClient.CreateQueryFilter($"PartitionKey eq {RegisterKeys.TownshipPartition(countyCode, townshipCode)}");
        await foreach (var entity in tables.Households.QueryAsync<TableEntity>(partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return HouseholdEntity.FromEntity(entity);
        }
    }

    /// <summary>
    /// The households of one township as counts need them: one partition read that selects only the columns a tally
    /// uses. The member list still travels (a household's size is its length) but its names and 身份证号 are not parsed.
    /// </summary>
    public async IAsyncEnumerable<HouseholdTally> ReadTownshipTalliesAsync(
        string countyCode, string townshipCode, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var partition = TableClient.CreateQueryFilter($"PartitionKey eq {RegisterKeys.TownshipPartition(countyCode, townshipCode)}");
        await foreach (var entity in tables.Households.QueryAsync<TableEntity>(partition, select: HouseholdEntity.TallyColumns, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return HouseholdEntity.TallyOf(entity);
        }
    }

    /// <summary>One household by its 户编号: the index says which township partition it is in.</summary>
    public async Task<RegisteredHousehold?> FindHouseholdAsync(string countyCode, string householdNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(householdNumber);
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entry = await ReadRowAsync(tables.Index, countyCode, RegisterKeys.HouseholdIndexRow(householdNumber), cancellationToken).ConfigureAwait(false);
        return entry is null ? null : await ReadHouseholdAsync(countyCode, entry.GetString("TownshipCode"), householdNumber, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The households of a county whose 户编号 starts with <paramref name="text"/> or whose head's name contains it, in
    /// 户编号 order, at most <paramref name="limit"/> (and whether there were more). No index holds names, so this reads
    /// the county's household rows, a few columns of each: a county registers thousands of households, one query's
    /// pages. A name index (a row per head's name in the county's index partition) would replace the scan for a larger one.
    /// </summary>
    public async Task<(IReadOnlyList<HouseholdMatch> Matches, bool More)> SearchAsync(string countyCode, string text, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        // Every township partition of the county: "county|" up to the next character after '|'.
        var county = TableClient.CreateQueryFilter($"PartitionKey gt {countyCode + "|"} and PartitionKey lt {countyCode + "}"}");
        var matches = new List<HouseholdMatch>();
        await foreach (var entity in tables.Households.QueryAsync<TableEntity>(county, select: HouseholdEntity.MatchColumns, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var household = HouseholdEntity.MatchOf(entity);
            if (household.Number.StartsWith(text, StringComparison.OrdinalIgnoreCase) || household.HeadName.Contains(text, StringComparison.Ordinal))
            {
                matches.Add(household);
            }
        }

        return ([.. matches.OrderBy(m => m.Number, StringComparer.Ordinal).Take(limit)], matches.Count > limit);
    }

    /// <summary>
    /// Every household of a county with its 帮扶责任人, in 户编号 order: one scan of the county's household rows, a few
    /// columns each, as <see cref="SearchAsync"/> does. No index holds cadres; an import and the console's cadre view
    /// read it once each.
    /// </summary>
    public async Task<IReadOnlyList<CadreHousehold>> ReadCadreHouseholdsAsync(string countyCode, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(countyCode);
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var county = TableClient.CreateQueryFilter($"PartitionKey gt {countyCode + "|"} and PartitionKey lt {countyCode + "}"}");
        var households = new List<CadreHousehold>();
        await foreach (var entity in tables.Households.QueryAsync<TableEntity>(county, select: HouseholdEntity.CadreColumns, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            households.Add(HouseholdEntity.CadreHouseholdOf(entity));
        }

        return [.. households.OrderBy(h => h.Number, StringComparer.Ordinal)];
    }

    /// <summary>The household a 身份证号 is registered in, found through the index without the number entering a key.</summary>
    public async Task<RegisteredHousehold?> FindByIdNumberAsync(string countyCode, ResidentIdNumber id, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entry = await ReadRowAsync(tables.Index, countyCode, RegisterKeys.MemberIndexRow(RegisterKeys.HashOf(id)), cancellationToken).ConfigureAwait(false);
        return entry is null
            ? null
            : await ReadHouseholdAsync(countyCode, entry.GetString("TownshipCode"), entry.GetString(IndexedHousehold.HouseholdProperty), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes a case's outcome on the household row: approved makes it 已脱贫享受政策 with the case's standard year as
    /// 脱贫年度, the date, the case id and the verified values (the imported income stays, as the registered figure);
    /// otherwise its status stays and the reason is kept. Writing the same outcome again changes nothing.
    /// </summary>
    public async Task RecordExitAsync(string countyCode, string householdNumber, ExitRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entry = await ReadRowAsync(tables.Index, countyCode, RegisterKeys.HouseholdIndexRow(householdNumber), cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"Household {householdNumber} is not on the register of {countyCode}.");
        var row = new TableEntity(RegisterKeys.TownshipPartition(countyCode, entry.GetString("TownshipCode")), RegisterKeys.HouseholdRow(householdNumber));
        if (record.ExitDate is not null)
        {
            row["Status"] = nameof(PovertyStatus.ExitedWithPolicy);
            HouseholdEntity.WriteExit(row, record);
        }
        else
        {
            row["LastExitCaseId"] = record.CaseId;
            row["LastExitRejection"] = record.RejectedReason ?? string.Empty;
        }

        await tables.Households.UpdateCheckedAsync(row, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// 挂号: writes an approved entry case on the household row. A 返贫 household goes back to 未脱贫 (its exit year
    /// cleared: the register's rule is that only an exited household has one); a 新识别 household was written by
    /// <see cref="SaveAsync"/> and only gains the entry's columns. Writing the same case again changes nothing.
    /// </summary>
    public async Task RecordEntryAsync(string countyCode, string householdNumber, EntryRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entry = await ReadRowAsync(tables.Index, countyCode, RegisterKeys.HouseholdIndexRow(householdNumber), cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"Household {householdNumber} is not on the register of {countyCode}.");
        var row = await ReadRowAsync(tables.Households, RegisterKeys.TownshipPartition(countyCode, entry.GetString("TownshipCode")), RegisterKeys.HouseholdRow(householdNumber),
                      cancellationToken).ConfigureAwait(false)
                  ?? throw new InvalidOperationException($"Household {householdNumber} has an index entry but no row.");
        if (row.GetString("EntryCaseId") == record.CaseId)
        {
            return;
        }

        if (record.Kind == Workflow.Domain.Entries.EntryKind.Relapse)
        {
            row["Status"] = nameof(PovertyStatus.NotExited);
            row.Remove("ExitYear");
        }

        HouseholdEntity.WriteEntry(row, record);
        // Replace, not merge: a merge cannot remove the exit year. The version read guards against a concurrent import.
        await tables.Households.UpdateCheckedAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    private async Task<RegisteredHousehold?> ReadHouseholdAsync(string countyCode, string townshipCode, string householdNumber, CancellationToken cancellationToken)
    {
        var entity = await ReadRowAsync(
            tables.Households, RegisterKeys.TownshipPartition(countyCode, townshipCode), RegisterKeys.HouseholdRow(householdNumber), cancellationToken).ConfigureAwait(false);
        return entity is null ? null : HouseholdEntity.FromEntity(entity);
    }

    /// <summary>
    /// One row, or null when there is none. Its keys are checked first (the county code and 户编号 come from callers),
    /// so a key the service would refuse fails with the rule it breaks rather than a 400.
    /// </summary>
    private static async Task<TableEntity?> ReadRowAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(
            TableRules.Key(partitionKey, "PartitionKey"), TableRules.Key(rowKey, "RowKey"), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>Upserts in transactions of up to 100 rows of one partition, a few transactions at a time.</summary>
    private static Task UpsertAsync(TableClient table, IEnumerable<TableEntity> rows, CancellationToken cancellationToken)
    {
        var transactions = rows
            .GroupBy(row => row.PartitionKey, StringComparer.Ordinal)
            .SelectMany(partition => partition.Chunk(TransactionSize))
            .Select(chunk => chunk.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)).ToList());
        return Parallel.ForEachAsync(
            transactions,
            new ParallelOptions { MaxDegreeOfParallelism = ConcurrentTransactions, CancellationToken = cancellationToken },
            async (actions, token) => await table.SubmitCheckedAsync(actions, token).ConfigureAwait(false));
    }

    /// <summary>The rows one save writes and removes, decided against the index.</summary>
    private sealed class WritePlan
    {
        public List<TableEntity> HouseholdRows { get; } = [];

        public List<(string PartitionKey, string RowKey)> MovedAway { get; } = [];

        public List<TableEntity> MemberRows { get; } = [];

        public List<(string Hash, string Household)> LeftMembers { get; } = [];

        public List<TableEntity> IndexRows { get; } = [];

        /// <summary>The rows of changed households, with where each was stored.</summary>
        public List<(TableEntity Row, IndexedHousehold Stored)> Rewritten { get; } = [];

        public int Added { get; private set; }

        public int Changed { get; private set; }

        public int Unchanged { get; private set; }

        public void Add(string countyCode, RegisteredHousehold registered, List<string> memberHashes, IndexedHousehold? stored)
        {
            var entity = HouseholdEntity.ToEntity(countyCode, registered);
            var fingerprint = HouseholdEntity.Fingerprint(entity);
            if (stored?.Fingerprint == fingerprint)
            {
                Unchanged++;
                return;
            }

            var number = registered.Household.Number;
            if (stored is null)
            {
                Added++;
            }
            else
            {
                Changed++;
                if (stored.TownshipCode != registered.TownshipCode)
                {
                    MovedAway.Add((RegisterKeys.TownshipPartition(countyCode, stored.TownshipCode), RegisterKeys.HouseholdRow(number)));
                }

                LeftMembers.AddRange(stored.MemberHashes.Except(memberHashes, StringComparer.Ordinal).Select(hash => (hash, number)));
                Rewritten.Add((entity, stored));
            }

            HouseholdRows.Add(entity);
            MemberRows.AddRange(memberHashes.Select(hash => IndexedHousehold.MemberEntity(countyCode, hash, number, registered.TownshipCode)));
            IndexRows.Add(new IndexedHousehold(number, registered.TownshipCode, fingerprint, memberHashes).ToEntity(countyCode));
        }
    }
}
