using Azure;
using Azure.Data.Tables;
using Workflow.Domain.Funds;
using Workflow.Domain.Rectification;
using Workflow.App.Storage;

namespace Workflow.App.Funds;

/// <summary>
/// Allocations and their disbursement steps in tables: an allocation row (PartitionKey the county, RowKey the id) and a
/// row per step (PartitionKey the allocation, RowKey the step key). Each row is written by one orchestration, which
/// passes its sequence number: a row remembers the last one applied, so an activity that runs twice changes it once.
/// </summary>
public sealed class FundStore(TableServiceClient tables)
{
    private const string Progress = "Progress";
    private readonly TableClient _allocations = tables.Table("fundAllocations");
    private readonly TableClient _steps = tables.Table("fundSteps");

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _allocations.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await _steps.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds the allocation; false when it was entered before (the same township and 文号).</summary>
    public async Task<bool> TryAddAsync(FundAllocation allocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        try
        {
            await _allocations.AddCheckedAsync(ToEntity(new AllocationRecord(allocation, null, false), 0), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<AllocationRecord?> GetAsync(string allocationId, CancellationToken cancellationToken)
    {
        if (FundAllocationId.CountyOf(allocationId) is not { } county)
        {
            return null;
        }

        var row = await _allocations.GetEntityIfExistsAsync<TableEntity>(county, TableRules.Key(allocationId, nameof(allocationId)), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    public async Task<IReadOnlyList<AllocationRecord>> ListAsync(string countyCode, CancellationToken cancellationToken)
    {
        var list = new List<AllocationRecord>();
        await foreach (var row in _allocations.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {countyCode}"), cancellationToken: cancellationToken)
                           .ConfigureAwait(false))
        {
            list.Add(FromEntity(row));
        }

        return list.OrderByDescending(a => a.Allocation.AllocatedOn).ThenBy(a => a.Allocation.AllocationId, StringComparer.Ordinal).ToList();
    }

    /// <summary>Applies one change of the allocation's own orchestration, once (see the class).</summary>
    public async Task<AllocationRecord> UpdateAsync(string allocationId, int sequence, Func<AllocationRecord, AllocationRecord> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var county = FundAllocationId.CountyOf(allocationId) ?? throw new ArgumentException($"'{allocationId}' is not an allocation id.", nameof(allocationId));
        while (true)
        {
            var row = (await _allocations.GetEntityAsync<TableEntity>(county, allocationId, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            var current = FromEntity(row);
            if ((row.GetInt32(Progress) ?? 0) >= sequence)
            {
                return current;
            }

            var changed = change(current);
            try
            {
                await _allocations.UpdateCheckedAsync(ToEntity(changed, sequence), row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return changed;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Changed since it was read: read it again.
            }
        }
    }

    public async Task<DisbursementStep?> GetStepAsync(string allocationId, string step, CancellationToken cancellationToken)
    {
        var row = await _steps.GetEntityIfExistsAsync<TableEntity>(TableRules.Key(allocationId, nameof(allocationId)), TableRules.Key(step, nameof(step)),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? FromEntity(row.Value!.GetString("Json")) : null;
    }

    /// <summary>The allocation's steps in the order they opened: county, finance, village-1, village-2, …</summary>
    public async Task<IReadOnlyList<DisbursementStep>> ListStepsAsync(string allocationId, CancellationToken cancellationToken)
    {
        var steps = new List<DisbursementStep>();
        await foreach (var row in _steps.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {allocationId}"), cancellationToken: cancellationToken)
                           .ConfigureAwait(false))
        {
            steps.Add(FromEntity(row.GetString("Json")));
        }

        return steps.OrderBy(s => s.Stage).ThenBy(s => s.StartsOn).ThenBy(s => s.Step.Length).ThenBy(s => s.Step, StringComparer.Ordinal).ToList();
    }

    /// <summary>Adds a step unless it is there already (an activity run again); returns the stored one.</summary>
    public async Task<DisbursementStep> AddStepAsync(DisbursementStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        try
        {
            await _steps.AddCheckedAsync(StepEntity(step, 0), cancellationToken).ConfigureAwait(false);
            return step;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return (await GetStepAsync(step.AllocationId, step.Step, cancellationToken).ConfigureAwait(false))!;
        }
    }

    /// <summary>Applies one change of the step's orchestration, once.</summary>
    public async Task<DisbursementStep> UpdateStepAsync(string allocationId, string step, int sequence, Func<DisbursementStep, DisbursementStep> change,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        while (true)
        {
            var row = (await _steps.GetEntityAsync<TableEntity>(allocationId, step, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            var current = FromEntity(row.GetString("Json"));
            if ((row.GetInt32(Progress) ?? 0) >= sequence)
            {
                return current;
            }

            var changed = change(current);
            try
            {
                await _steps.UpdateCheckedAsync(StepEntity(changed, sequence), row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return changed;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Changed since it was read: read it again.
            }
        }
    }

    private static TableEntity ToEntity(AllocationRecord record, int sequence)
    {
        var a = record.Allocation;
        return new TableEntity(a.CountyCode, a.AllocationId)
        {
            ["TownshipCode"] = a.TownshipCode,
            ["Township"] = a.Township,
            ["Source"] = a.Source,
            ["Amount"] = a.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DocumentNumber"] = a.DocumentNumber,
            ["AllocatedOn"] = a.AllocatedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["OpenRequest"] = record.OpenRequest,
            ["Completed"] = record.Completed,
            [Progress] = sequence,
        };
    }

    private static AllocationRecord FromEntity(TableEntity e) => new(
        new FundAllocation(e.RowKey, e.PartitionKey, e.GetString("TownshipCode"), e.GetString("Township"), e.GetString("Source"),
            decimal.Parse(e.GetString("Amount"), System.Globalization.CultureInfo.InvariantCulture), e.GetString("DocumentNumber"),
            DateOnly.ParseExact(e.GetString("AllocatedOn"), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        e.GetString("OpenRequest"), e.GetBoolean("Completed") ?? false);

    // A step is small and read whole: kept as JSON, with the columns a query or Power BI would filter on beside it.
    private static TableEntity StepEntity(DisbursementStep step, int sequence) => new(step.AllocationId, step.Step)
    {
        ["Json"] = System.Text.Json.JsonSerializer.Serialize(step, FundJson.Options),
        ["Stage"] = step.Stage.ToString(),
        ["DueOn"] = step.DueOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["Paid"] = step.IsPaid,
        ["Overdue"] = step.Overdue.ToString(),
        [Progress] = sequence,
    };

    private static DisbursementStep FromEntity(string json) => System.Text.Json.JsonSerializer.Deserialize<DisbursementStep>(json, FundJson.Options)!;
}

/// <summary>An allocation with where its workflow stands: the village request link open now (request-n), and whether it is done.</summary>
public sealed record AllocationRecord(FundAllocation Allocation, string? OpenRequest, bool Completed);
