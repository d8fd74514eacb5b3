using Workflow.Domain.Calendar;
using Workflow.Domain.Rectification;
using Workflow.Domain.Register;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Workflow.App.Exits;
using Workflow.App.Register;
using Workflow.App.Rectification.Orchestration;

namespace Workflow.App.Rectification;

/// <summary>
/// Enters findings into the ledger, one from a form or many from a file, and starts each item's orchestration. An
/// item's id comes from its finding, so entering the same finding again (a double click, a re-uploaded file) finds the
/// item entered the first time, and repairs an entry that stopped before its orchestration was started.
/// </summary>
public sealed class FindingEntry(RectificationStore items, CountyDirectory directory, DurableTaskClient client, TimeProvider time)
{
    /// <summary>建档立卡 began in 2014; a ledger may be kept for the coming year at most.</summary>
    public const int FirstYear = 2014;

    /// <summary>The county with its townships, or null when it keeps no register here (findings name its townships).</summary>
    public Task<County?> FindCountyAsync(string? countyCode, CancellationToken cancellationToken) => directory.FindPlacesAsync(countyCode, cancellationToken);

    public bool IsCampaignYear(int year) => year >= FirstYear && year <= ShanghaiTime.DateOf(time.GetUtcNow()).Year + 1;

    /// <summary>Checks one finding as entered on a form (the same checks as a file row) and enters it.</summary>
    public async Task<FindingEntryOutcome> EnterAsync(County county, int year, FindingForm form, string enteredBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var checkedRow = new FindingRowValidator(county, year).Validate(form.Cells(), 1);
        if (checkedRow.Finding is not { } finding)
        {
            return new FindingEntryOutcome(null, false, checkedRow.Errors);
        }

        var (item, created) = await AddAsync(county.Code, year, finding, enteredBy, cancellationToken).ConfigureAwait(false);
        return new FindingEntryOutcome(item, created, []);
    }

    /// <summary>Imports a findings file: the good rows are entered, the others reported by line and column.</summary>
    /// <exception cref="RegisterFileRejectedException">The file cannot be read at all; the message says why.</exception>
    public async Task<FindingImportReport> ImportAsync(County county, int year, string fileName, byte[] content, string enteredBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(county);
        var sheet = RegisterFileReader.Read(fileName, content, FindingColumns.InOrder);
        var outcome = FindingImportBatch.Check(county.Code, year, new FindingRowValidator(county, year), sheet.Headers, sheet.HeaderLine,
            sheet.Rows.Select(r => (r.Line, r.Cells)));
        var added = 0;
        var ids = new List<string>();
        foreach (var (_, finding) in outcome.Findings)
        {
            var (item, created) = await AddAsync(county.Code, year, finding, enteredBy, cancellationToken).ConfigureAwait(false);
            ids.Add(item.ItemId);
            added += created ? 1 : 0;
        }

        return new FindingImportReport(sheet.Format, outcome.Findings.Count, added, outcome.Findings.Count - added, outcome.Errors, ids);
    }

    private async Task<(RectificationItem Item, bool Created)> AddAsync(string countyCode, int year, Finding finding, string enteredBy, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var item = RectificationItem.Enter(countyCode, year, finding, now, enteredBy);
        if (!await items.TryAddAsync(item, cancellationToken).ConfigureAwait(false))
        {
            var existing = await items.GetAsync(item.ItemId, cancellationToken).ConfigureAwait(false) ?? item;
            await EnsureRunningAsync(existing, cancellationToken).ConfigureAwait(false);
            return (existing, false);
        }

        await items.AppendTimelineAsync(item.ItemId, new TimelineEntry(0, now, LedgerTimelineKinds.Entered, null,
            $"登记{finding.SourceName}反馈问题，责任单位 {finding.ResponsibleUnit}，整改时限 {LedgerFormat.Day(finding.Deadline)}。", enteredBy), cancellationToken).ConfigureAwait(false);
        await StartAsync(item.ItemId, cancellationToken).ConfigureAwait(false);
        return (item, true);
    }

    // The item row is written first, so an entry that stopped after it may not have started its orchestration.
    private async Task EnsureRunningAsync(RectificationItem item, CancellationToken cancellationToken)
    {
        if (item.Status != RectificationStatus.Closed
            && await client.GetInstanceAsync(item.ItemId, cancellationToken).ConfigureAwait(false) is null or { RuntimeStatus: OrchestrationRuntimeStatus.Pending })
        {
            await StartAsync(item.ItemId, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task StartAsync(string itemId, CancellationToken cancellationToken)
    {
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(RectificationOrchestrator.Name, new RectificationInput(itemId),
                new StartOrchestrationOptions(itemId), cancellationToken).ConfigureAwait(false);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Started by a concurrent entry of the same finding.
        }
    }
}

/// <summary>A finding as typed into the county's form or API, every field as text: the same checks as a file row apply.</summary>
/// <param name="Township">乡镇 by name or code; empty for a county-wide finding.</param>
/// <param name="Deadline">整改时限, e.g. 2018-09-30.</param>
public sealed record FindingForm(string? Source, string? Category, string? Description, string? Township, string? ResponsibleUnit, string? Deadline)
{
    internal IReadOnlyDictionary<string, string?> Cells() => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        [FindingColumns.Source] = Source,
        [FindingColumns.Category] = Category,
        [FindingColumns.Description] = Description,
        [FindingColumns.Township] = Township,
        [FindingColumns.ResponsibleUnit] = ResponsibleUnit,
        [FindingColumns.Deadline] = Deadline,
    };
}

/// <summary>What entering one finding gave: the item (new, or entered before), or what is wrong with the finding.</summary>
public sealed record FindingEntryOutcome(RectificationItem? Item, bool Created, IReadOnlyList<ImportError> Errors);

/// <summary>
/// What an import did: how many rows were good, how many of those became new items and how many were entered before
/// (a re-uploaded file adds nothing), and every broken row by line and column.
/// </summary>
public sealed record FindingImportReport(string Format, int Kept, int Added, int AlreadyEntered, IReadOnlyList<ImportError> Errors, IReadOnlyList<string> ItemIds);
