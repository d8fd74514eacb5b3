using Azure;
using Azure.Data.Tables;
using Workflow.Domain.Exits;
using Microsoft.DurableTask.Client;
using Workflow.App.Exits.Orchestration;
using Workflow.App.Links;
using Workflow.App.Notices;
using Workflow.App.Storage;

namespace Workflow.App.Exits;

/// <summary>
/// Takes objections (异议) to a notice from anyone holding the notice's link (its QR code). An objection is kept
/// before it is raised to the case, and raised again by the redelivery sweep if a crash came between the two.
/// </summary>
public sealed class ObjectionIntake(CapabilityLinkSigner signer, ExitCaseStore cases, TableServiceClient tables, DurableTaskClient client, TimeProvider time) : IKeptDecisionDelivery
{
    private const string TableName = "exitObjections";

    private readonly TableClient Table = tables.Table(TableName);

    public async Task InitializeAsync(CancellationToken cancellationToken) =>
        await Table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Checks a notice link: objections are taken while the notice runs or is paused for a review.</summary>
    public async Task<LinkCheck> CheckAsync(string? token, CancellationToken cancellationToken)
    {
        var (link, refusal) = signer.Verify(token, OpenNoticeActivity.Purpose);
        if (link is null || refusal is not null)
        {
            return new LinkCheck(link, null, refusal ?? LinkRefusal.Invalid);
        }

        var exitCase = await cases.GetAsync(link.Subject, cancellationToken).ConfigureAwait(false);
        return exitCase is null ? new LinkCheck(link, null, LinkRefusal.Invalid)
            : exitCase.Status != ExitCaseStatus.InProgress ? new LinkCheck(link, exitCase, LinkRefusal.SubjectClosed)
            : IsInNotice(exitCase) ? new LinkCheck(link, exitCase, null)
            : new LinkCheck(link, exitCase, LinkRefusal.NotTheCurrentStep);
    }

    /// <exception cref="ArgumentException">The objection has a <see cref="ObjectionRules.Problem"/>.</exception>
    public async Task<Objection> FileAsync(ExitCase exitCase, string? contact, string? reason, string? clientIp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exitCase);
        if (ObjectionRules.Problem(contact, reason) is { } problem)
        {
            throw new ArgumentException(problem, nameof(reason));
        }

        var objection = new Objection(Guid.NewGuid().ToString("N"), exitCase.CaseId, contact!.Trim(), reason!.Trim(), time.GetUtcNow(), clientIp);
        var row = ObjectionRow.Of(objection.CaseId, objection.ObjectionId, objection.Contact, objection.Reason, objection.FiledAt, clientIp);
        row["Delivered"] = false;

        await Table.AddCheckedAsync(row, cancellationToken).ConfigureAwait(false);
        await DeliverAsync(objection, cancellationToken).ConfigureAwait(false);
        return objection;
    }

    public async Task<IReadOnlyList<Objection>> ListAsync(string caseId, CancellationToken cancellationToken)
    {
        var objections = new List<Objection>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {caseId}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            objections.Add(FromRow(row));
        }

        return objections.OrderBy(o => o.FiledAt).ToList();
    }

    /// <summary>
    /// Marks the objection with the review round that decides it, unless a later step of the case already moved it to a
    /// later round (an activity that runs again late must not move it back).
    /// </summary>
    /// <param name="sequence">The orchestration's sequence number of the step that assigns it.</param>
    public async Task AssignReviewAsync(Objection objection, string review, int sequence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(objection);
        while (true)
        {
            var row = (await Table.GetEntityAsync<TableEntity>(objection.CaseId, objection.ObjectionId, ["ReviewSequence"], cancellationToken).ConfigureAwait(false)).Value;
            if (row.GetInt32("ReviewSequence") is { } assigned && assigned >= sequence)
            {
                return;
            }

            try
            {
                await Table.UpdateCheckedAsync(new TableEntity(objection.CaseId, objection.ObjectionId) { ["Review"] = review, ["ReviewSequence"] = sequence },
                    row.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Changed since it was read (delivered, or assigned by a concurrent run): read it again.
            }
        }
    }

    /// <summary>Raises every kept objection not marked delivered that was filed before <paramref name="madeBefore"/>.</summary>
    public async Task<int> RedeliverPendingAsync(DateTimeOffset madeBefore, CancellationToken cancellationToken)
    {
        var count = 0;
        var filter = TableClient.CreateQueryFilter($"Delivered eq {false} and FiledAt lt {madeBefore}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            await DeliverAsync(FromRow(row), cancellationToken).ConfigureAwait(false);
            count++;
        }

        return count;
    }

    private static bool IsInNotice(ExitCase exitCase) =>
        exitCase.CurrentStep is { } step
        && (step == ExitProcedure.Notice || ExitProcedure.IsObjectionReview(step));

    private static Objection FromRow(TableEntity row) =>
        new(row.RowKey, row.PartitionKey, row.GetString("Contact")!, row.GetString("Reason")!, row.GetDateTimeOffset("FiledAt")!.Value, row.GetString("ClientIp"),
            row.GetString("Review"));

    private async Task DeliverAsync(Objection objection, CancellationToken cancellationToken)
    {
        await client.RaiseEventAsync(objection.CaseId, ExitEvents.Objection, objection with { ClientIp = null }, cancellationToken).ConfigureAwait(false);
        await Table.UpdateCheckedAsync(new TableEntity(objection.CaseId, objection.ObjectionId) { ["Delivered"] = true }, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }
}
