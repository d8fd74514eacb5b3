using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Workflow.App.Links;
using Workflow.App.Notices;
using Workflow.App.Storage;

namespace Workflow.App.Projects;

/// <summary>
/// Takes objections (异议) to a project's notice from anyone holding its QR code, with the same rules as an exit's
/// (<see cref="ObjectionRules"/>). An objection is kept in the table before it is raised to the project's workflow, and
/// raised again by the redelivery sweep if a crash came between the two; the workflow takes each id once.
/// </summary>
public sealed class ProjectObjections(TableServiceClient tables, DurableTaskClient client, TimeProvider time) : IKeptDecisionDelivery
{
    private readonly TableClient _table = tables.Table("projectObjections");

    public async Task InitializeAsync(CancellationToken cancellationToken) =>
        await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);

    /// <exception cref="ArgumentException">The objection has a <see cref="ObjectionRules.Problem"/>.</exception>
    public async Task<ProjectObjection> FileAsync(string projectId, string stepKey, string? contact, string? reason, string? clientIp, CancellationToken cancellationToken)
    {
        if (ObjectionRules.Problem(contact, reason) is { } problem)
        {
            throw new ArgumentException(problem, nameof(reason));
        }

        var objection = new ProjectObjection(Guid.NewGuid().ToString("N"), projectId, stepKey, contact!.Trim(), reason!.Trim(), time.GetUtcNow(), clientIp);
        var row = ObjectionRow.Of(objection.ProjectId, objection.ObjectionId, objection.Contact, objection.Reason, objection.FiledAt, clientIp);
        row["StepKey"] = objection.StepKey;
        row["Delivered"] = false;

        await _table.AddCheckedAsync(row, cancellationToken).ConfigureAwait(false);
        await DeliverAsync(objection, cancellationToken).ConfigureAwait(false);
        return objection;
    }

    public async Task<IReadOnlyList<ProjectObjection>> ListAsync(string projectId, CancellationToken cancellationToken)
    {
        var objections = new List<ProjectObjection>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {projectId}"), cancellationToken: cancellationToken)
                           .ConfigureAwait(false))
        {
            objections.Add(FromRow(row));
        }

        return objections.OrderBy(o => o.FiledAt).ToList();
    }

    /// <summary>Marks the objection with the review that decides it (the same review written again changes nothing).</summary>
    public async Task AssignReviewAsync(ProjectObjection objection, string reviewKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(objection);
        await _table.UpdateCheckedAsync(new TableEntity(objection.ProjectId, objection.ObjectionId) { ["Review"] = reviewKey }, Azure.ETag.All, TableUpdateMode.Merge,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Raises every kept objection not marked delivered that was filed before <paramref name="madeBefore"/>.</summary>
    public async Task<int> RedeliverPendingAsync(DateTimeOffset madeBefore, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Delivered eq {false} and FiledAt lt {madeBefore}"),
                           cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            await DeliverAsync(FromRow(row), cancellationToken).ConfigureAwait(false);
            count++;
        }

        return count;
    }

    private static ProjectObjection FromRow(TableEntity row) =>
        new(row.RowKey, row.PartitionKey, row.GetString("StepKey")!, row.GetString("Contact")!, row.GetString("Reason")!, row.GetDateTimeOffset("FiledAt")!.Value,
            row.GetString("ClientIp"), row.GetString("Review"));

    private async Task DeliverAsync(ProjectObjection objection, CancellationToken cancellationToken)
    {
        // The address stays in the table for the rate limit's record; the workflow's history does not need it.
        await client.RaiseEventAsync(objection.ProjectId, ProjectEvents.Objection, objection with { ClientIp = null }, cancellationToken).ConfigureAwait(false);
        await _table.UpdateCheckedAsync(new TableEntity(objection.ProjectId, objection.ObjectionId) { ["Delivered"] = true }, Azure.ETag.All, TableUpdateMode.Merge,
            cancellationToken).ConfigureAwait(false);
    }
}
