using Azure;
using Azure.Data.Tables;
using Workflow.App.Storage;

namespace Workflow.App.Links;

/// <summary>
/// Makes links single-use and steps single-decision at once: the first redemption for a (subject, step)
/// inserts its row; any later one finds the row and learns whether it was this link (used) or another
/// link for the same step (already decided). The insert is atomic, so of any number of concurrent
/// submissions exactly one wins.
/// </summary>
public sealed class LinkRedemptionStore(TableServiceClient tables)
{
    private const string TableName = "linkredemptions";

    private readonly TableClient Table = tables.Table(TableName);

    public async Task InitializeAsync(CancellationToken cancellationToken) =>
        await Table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Null when this redemption won; otherwise why it is refused.</summary>
    public Task<LinkRefusal?> TryRedeemAsync(CapabilityLink link, DateTimeOffset now, CancellationToken cancellationToken) =>
        TryRedeemAsync(link, now, null, cancellationToken);

    /// <summary>
    /// As <see cref="TryRedeemAsync(CapabilityLink, DateTimeOffset, CancellationToken)"/>, keeping what the holder decided
    /// in the same atomic insert: the decision is durable the moment the link is spent, and stays marked undelivered
    /// until <see cref="MarkDeliveredAsync"/> says the workflow has it.
    /// </summary>
    public async Task<LinkRefusal?> TryRedeemAsync(CapabilityLink link, DateTimeOffset now, string? decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        var row = new TableEntity(link.Subject, link.Step)
        {
            ["LinkId"] = link.LinkId,
            ["Holder"] = link.Holder,
            ["Purpose"] = link.Purpose,
            ["RedeemedAt"] = now,
        };
        if (decision is not null)
        {
            row["Decision"] = decision;
            row["Delivered"] = false;
        }
        try
        {
            await Table.AddCheckedAsync(row, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var winner = await FindAsync(link.Subject, link.Step, cancellationToken).ConfigureAwait(false);
            return winner?.GetString("LinkId") == link.LinkId ? LinkRefusal.AlreadyUsed : LinkRefusal.StepAlreadyDecided;
        }
    }

    /// <summary>Whether anyone has decided the step yet (to refuse a stale link before showing its page).</summary>
    public async Task<LinkRefusal?> CheckOpenAsync(CapabilityLink link, CancellationToken cancellationToken)
    {
        var winner = await FindAsync(link.Subject, link.Step, cancellationToken).ConfigureAwait(false);
        return winner is null ? null
            : winner.GetString("LinkId") == link.LinkId ? LinkRefusal.AlreadyUsed
            : LinkRefusal.StepAlreadyDecided;
    }

    /// <summary>The decision kept with a step's redemption, when it is not yet marked delivered.</summary>
    public async Task<string?> FindUndeliveredAsync(string subject, string step, CancellationToken cancellationToken)
    {
        var row = await FindAsync(subject, step, cancellationToken).ConfigureAwait(false);
        return row?.GetBoolean("Delivered") == false ? row.GetString("Decision") : null;
    }

    /// <summary>Every decision of <paramref name="purpose"/> not yet marked delivered that was redeemed before <paramref name="redeemedBefore"/>.</summary>
    public async Task<IReadOnlyList<(string Subject, string Step, string Decision)>> ListUndeliveredAsync(
        string purpose, DateTimeOffset redeemedBefore, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"Delivered eq {false} and Purpose eq {purpose} and RedeemedAt lt {redeemedBefore}");
        var found = new List<(string, string, string)>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            found.Add((row.PartitionKey, row.RowKey, row.GetString("Decision")!));
        }

        return found;
    }

    public async Task MarkDeliveredAsync(string subject, string step, CancellationToken cancellationToken) =>
        await Table.UpdateCheckedAsync(new TableEntity(subject, step) { ["Delivered"] = true }, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);

    // The keys are checked first, as for a write: a subject or step the table could not hold fails with the rule it breaks.
    private async Task<TableEntity?> FindAsync(string subject, string step, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(TableRules.Key(subject, nameof(subject)), TableRules.Key(step, nameof(step)),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? row.Value : null;
    }
}
