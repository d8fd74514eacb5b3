using Azure;
using Workflow.Storage;
using Workflow.Storage.Tables;

namespace Workflow.Functions.Links;

/// <summary>
/// Makes links single-use and steps single-decision at once: the first redemption for a (subject, step)
/// inserts its row; any later one finds the row and learns whether it was this link (used) or another
/// link for the same step (already decided). The insert is atomic, so of any number of concurrent
/// submissions exactly one wins.
/// </summary>
public sealed class LinkRedemptionStore(StorageAccount account)
{
    private const string TableName = "linkredemptions";

    private TableClient Table => account.GetTableClient(TableName);

    public async Task InitializeAsync(CancellationToken cancellationToken) =>
        await Table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Null when this redemption won; otherwise why it is refused.</summary>
    public async Task<LinkRefusal?> TryRedeemAsync(CapabilityLink link, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = new TableEntity(link.Subject, link.Step)
        {
            ["LinkId"] = link.LinkId,
            ["Holder"] = link.Holder,
            ["Purpose"] = link.Purpose,
            ["RedeemedAt"] = now,
        };
        try
        {
            await Table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var winner = await Table.GetEntityIfExistsAsync(link.Subject, link.Step, cancellationToken: cancellationToken).ConfigureAwait(false);
            return winner?.GetString("LinkId") == link.LinkId ? LinkRefusal.AlreadyUsed : LinkRefusal.StepAlreadyDecided;
        }
    }

    /// <summary>Whether anyone has decided the step yet (to refuse a stale link before showing its page).</summary>
    public async Task<LinkRefusal?> CheckOpenAsync(CapabilityLink link, CancellationToken cancellationToken)
    {
        var winner = await Table.GetEntityIfExistsAsync(link.Subject, link.Step, cancellationToken: cancellationToken).ConfigureAwait(false);
        return winner is null ? null
            : winner.GetString("LinkId") == link.LinkId ? LinkRefusal.AlreadyUsed
            : LinkRefusal.StepAlreadyDecided;
    }
}
