using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Workflow.Domain.Exits;
using Workflow.App.Storage;

namespace Workflow.App.Exits;

/// <summary>
/// The exit cases as the county reads them: one row per case (PartitionKey the county, so a county's list is one
/// partition) and the case timeline (PartitionKey the case id, RowKey the orchestration's sequence number, so a
/// repeated write replaces itself).
/// </summary>
public sealed class ExitCaseStore(TableServiceClient tables)
{
    private const string CasesTable = "exitCases";
    private const string TimelineTableName = "exitTimeline";

    private readonly TableClient Cases = tables.Table(CasesTable);

    private readonly TimelineTable Timeline = new(tables.Table(TimelineTableName));

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await Cases.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await Timeline.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds the case; false when it exists already (the same household and attempt was started before).</summary>
    public async Task<bool> TryAddAsync(ExitCase exitCase, CancellationToken cancellationToken)
    {
        try
        {
            await Cases.AddCheckedAsync(ToEntity(exitCase), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<ExitCase?> GetAsync(string caseId, CancellationToken cancellationToken) =>
        (await ReadAsync(caseId, cancellationToken).ConfigureAwait(false))?.Case;

    /// <summary>The case with the version of its row, for an <see cref="UpdateAsync"/> that need not read it again.</summary>
    public async Task<ExitCaseRead?> ReadAsync(string caseId, CancellationToken cancellationToken)
    {
        if (ExitCaseId.CountyOf(caseId) is not { } county)
        {
            return null;
        }

        var found = await Cases.GetEntityIfExistsAsync<TableEntity>(county, caseId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue && found.Value is { } row ? new ExitCaseRead(FromEntity(row), row.GetInt32("Progress") ?? 0, row.ETag) : null;
    }

    /// <summary>As <see cref="ReadAsync"/>, for a case the orchestration knows exists (its activities).</summary>
    public async Task<ExitCaseRead> ReadRequiredAsync(string caseId, CancellationToken cancellationToken) =>
        await ReadAsync(caseId, cancellationToken).ConfigureAwait(false) ?? throw new InvalidOperationException($"Case {caseId} has no row.");

    /// <summary>
    /// Merges the orchestration's progress into the case row, unless the row already holds a later step's: an activity
    /// runs at least once, and a late re-run (its message came back after a crash) must not roll the case back. The first
    /// try uses the version read with the case; a row changed since is read again.
    /// </summary>
    /// <param name="sequence">The orchestration's sequence number of the step that makes this change.</param>
    public async Task UpdateAsync(ExitCaseRead read, int sequence, Action<CaseChange> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(change);
        var (county, caseId) = (read.Case.CountyCode, read.Case.CaseId);
        var (progress, etag) = (read.Progress, read.ETag);
        while (progress <= sequence)
        {
            var changes = new CaseChange(new TableEntity(county, caseId) { ["Progress"] = sequence });
            change(changes);
            try
            {
                await Cases.UpdateCheckedAsync(changes.Row, etag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Changed since it was read: read the progress again.
                var current = await Cases.GetEntityAsync<TableEntity>(county, caseId, ["Progress"], cancellationToken).ConfigureAwait(false);
                (progress, etag) = (current.Value.GetInt32("Progress") ?? 0, current.Value.ETag);
            }
        }
    }

    /// <summary>A county's cases matching the filter; every value is quoted and escaped by the SDK.</summary>
    public async Task<IReadOnlyList<ExitCase>> ListAsync(ExitCaseQuery query, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var filter = new CaseFilter("PartitionKey", "eq", query.CountyCode);
        if (query.TownshipCode is { Length: > 0 } township)
        {
            filter.And("TownshipCode", "eq", township);
        }

        if (query.Step == ExitProcedure.ObjectionReviewCode)
        {
            // A case's n-th objection review is the step objection-review-{n}: "objection-review" lists every one of them.
            filter.And("CurrentStep", "ge", ExitProcedure.ObjectionReviewCode + "-").And("CurrentStep", "lt", ExitProcedure.ObjectionReviewCode + ".");
        }
        else if (query.Step is { Length: > 0 } step)
        {
            filter.And("CurrentStep", "eq", step);
        }

        if (query.HouseholdNumber is { Length: > 0 } household)
        {
            // A household's cases are one key range (its case ids share a prefix): the start's "already running?" check
            // reads those rows, not the county's whole partition.
            var (from, to) = ExitCaseId.HouseholdRange(query.CountyCode, household);
            filter.And("RowKey", "ge", from).And("RowKey", "lt", to).And("HouseholdNumber", "eq", household);
        }

        if (query.Status is { } status)
        {
            filter.And("Status", "eq", status.ToString());
        }


        var cases = new List<ExitCase>();
        await foreach (var row in Cases.QueryAsync<TableEntity>(filter.ToFilter(), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var exitCase = FromEntity(row);
            // The kind is matched here, not in the filter: rows written before entries existed have no Kind and are exits.
            if ((query.OverdueOnly != true || exitCase.IsOverdue(now)) && (query.Kind is not { } kind || exitCase.Kind == kind))
            {
                cases.Add(exitCase);
            }
        }

        return cases;
    }

    /// <summary>
    /// Where each of a county's exit cases stands, for the exit pipeline: one partition read that asks only for the columns a
    /// count needs, not the households' names and indicators.
    /// </summary>
    public async Task<IReadOnlyList<ExitCaseStanding>> ReadStandingsAsync(string countyCode, CancellationToken cancellationToken)
    {
        var standings = new List<ExitCaseStanding>();
        await foreach (var row in Cases.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {countyCode}"), select: ["TownshipCode", "Status", "CurrentStep", "StepDueAt", "Kind"],
                           cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            // The exit pipeline counts exits only; entry cases share the table.
            if (row.GetString("Kind") is { Length: > 0 } kind && kind != nameof(CaseKind.Exit))
            {
                continue;
            }

            standings.Add(new ExitCaseStanding(row.GetString("TownshipCode")!, Enum.Parse<ExitCaseStatus>(row.GetString("Status")!),
                NullIfEmpty(row.GetString("CurrentStep")), DueOf(row)));
        }

        return standings;
    }

    /// <summary>Records a line of the case's history; writing the same sequence number again keeps one line.</summary>
    public Task AppendTimelineAsync(string caseId, TimelineEntry entry, CancellationToken cancellationToken) =>
        Timeline.AppendAsync(caseId, entry, cancellationToken);

    public Task<IReadOnlyList<TimelineEntry>> ReadTimelineAsync(string caseId, CancellationToken cancellationToken) =>
        Timeline.ReadAsync(caseId, cancellationToken);

    private static TableEntity ToEntity(ExitCase c)
    {
        var row = new TableEntity(c.CountyCode, c.CaseId)
        {
            ["TownshipCode"] = c.TownshipCode,
            ["Township"] = c.Township,
            ["VillageCode"] = c.VillageCode,
            ["Village"] = c.Village,
            ["HouseholdNumber"] = c.HouseholdNumber,
            ["HeadName"] = c.HeadName,
            ["MaskedHeadId"] = c.MaskedHeadId,
            ["Attempt"] = c.Attempt,
            ["Year"] = c.Year,
            ["ProcedureId"] = c.ProcedureId,
            ["Status"] = c.Status.ToString(),
            ["Escalated"] = c.Escalated,
            ["Indicators"] = JsonSerializer.Serialize(c.Indicators),
            ["StartedAt"] = c.StartedAt,
            ["StartedBy"] = c.StartedBy,
            ["Kind"] = c.Kind.ToString(),
        };
        if (c.Mode is { } mode)
        {
            row["Mode"] = mode.ToString();
        }

        if (c.Reason is not null)
        {
            row["Reason"] = c.Reason;
        }

        if (c.CurrentStep is not null)
        {
            row["CurrentStep"] = c.CurrentStep;
        }

        return row;
    }

    private static ExitCase FromEntity(TableEntity row) => new(
        row.RowKey,
        row.PartitionKey,
        row.GetString("TownshipCode")!,
        row.GetString("Township")!,
        row.GetString("VillageCode")!,
        row.GetString("Village")!,
        row.GetString("HouseholdNumber")!,
        row.GetString("HeadName")!,
        row.GetString("MaskedHeadId")!,
        row.GetInt32("Attempt")!.Value,
        row.GetInt32("Year")!.Value,
        row.GetString("ProcedureId")!,
        Enum.Parse<ExitCaseStatus>(row.GetString("Status")!),
        NullIfEmpty(row.GetString("CurrentStep")),
        DueOf(row),
        row.GetBoolean("Escalated") ?? false,
        row.GetDateTimeOffset("NoticeEndsAt"),
        JsonSerializer.Deserialize<List<CaseIndicator>>(row.GetString("Indicators")!)!,
        row.GetDateTimeOffset("StartedAt")!.Value,
        row.GetString("StartedBy")!,
        row.GetDateTimeOffset("EndedAt"),
        NullIfEmpty(row.GetString("Outcome")),
        // Rows written before entries existed have no kind: they are exits.
        row.GetString("Kind") is { Length: > 0 } kind ? Enum.Parse<CaseKind>(kind) : CaseKind.Exit,
        row.GetString("Mode") is { Length: > 0 } mode ? Enum.Parse<Workflow.Domain.Entries.EntryMode>(mode) : null,
        row.GetString("Reason"));

    private static DateTimeOffset? DueOf(TableEntity row) => row.GetDateTimeOffset("StepDueAt") is { } due && due < CaseChange.NoDueDate ? due : null;

    // A merge cannot remove a property, so "no current step" is written as an empty string.
    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>
    /// A filter of conditions joined by "and", kept as one composite format string whose values only the SDK's
    /// <see cref="TableClient.CreateQueryFilter(FormattableString)"/> turns into text: property names and operators come
    /// from this file, values never enter the text unescaped.
    /// </summary>
    private sealed class CaseFilter
    {
        private readonly StringBuilder _format = new();
        private readonly List<object?> _values = [];

        public CaseFilter(string property, string comparison, object value) => And(property, comparison, value);

        public CaseFilter And(string property, string comparison, object value)
        {
            _format.Append(_values.Count == 0 ? string.Empty : " and ").Append(property).Append(' ').Append(comparison).Append(" {").Append(_values.Count).Append('}');
            _values.Add(value);
            return this;
        }

        public string ToFilter() => TableClient.CreateQueryFilter(FormattableStringFactory.Create(_format.ToString(), [.. _values]));
    }
}

/// <summary>A case as read, with its row's progress (the sequence number of the last change) and ETag.</summary>
public sealed record ExitCaseRead(ExitCase Case, int Progress, ETag ETag);

/// <summary>Which cases a list shows; null members do not filter.</summary>
public sealed record ExitCaseQuery(
    string CountyCode, string? TownshipCode = null, string? Step = null, ExitCaseStatus? Status = null, bool? OverdueOnly = null, string? HouseholdNumber = null,
    CaseKind? Kind = null);

/// <summary>The properties an update merges into a case row.</summary>
public sealed class CaseChange(TableEntity row)
{
    /// <summary>Written for "nothing due": a merge cannot remove a property.</summary>
    internal static readonly DateTimeOffset NoDueDate = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    internal TableEntity Row { get; } = row;

    public CaseChange AwaitStep(string step, DateTimeOffset? dueAt)
    {
        Row["CurrentStep"] = step;
        Row["StepDueAt"] = dueAt ?? NoDueDate;
        Row["Escalated"] = false;
        return this;
    }

    public CaseChange NoticeUntil(DateTimeOffset endsAt)
    {
        Row["CurrentStep"] = Workflow.Domain.Exits.ExitProcedure.Notice;
        Row["NoticeEndsAt"] = endsAt;
        Row["StepDueAt"] = NoDueDate;
        Row["Escalated"] = false;
        return this;
    }

    public CaseChange Escalate()
    {
        Row["Escalated"] = true;
        return this;
    }

    public CaseChange End(ExitCaseStatus status, DateTimeOffset at, string outcome)
    {
        Row["Status"] = status.ToString();
        Row["CurrentStep"] = string.Empty;
        Row["StepDueAt"] = NoDueDate;
        Row["EndedAt"] = at;
        Row["Outcome"] = outcome;
        return this;
    }
}
