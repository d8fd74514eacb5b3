using Microsoft.DurableTask;
using Workflow.App.Exits;

namespace Workflow.App.Rectification.Orchestration;

/// <summary>Asks the county office to verify a submission (销号) or send it back.</summary>
public sealed class OpenVerifyActivity(RectificationStore items, RectificationRequests requests, TimeProvider time) : TaskActivity<ItemStepInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ItemStepInput input)
    {
        var token = CancellationToken.None;
        var at = time.GetUtcNow();
        var item = await items.GetAsync(input.ItemId, token).ConfigureAwait(false)
                   ?? throw new InvalidOperationException($"Rectification item {input.ItemId} has no row.");
        await items.AppendTimelineAsync(item.ItemId, new TimelineEntry(input.Sequence, at, LedgerTimelineKinds.AwaitingVerification, input.Step,
            "待县扶贫办核验销号。"), token).ConfigureAwait(false);
        await requests.AskToVerifyAsync(item, input.Sequence, at, token).ConfigureAwait(false);
        return true;
    }
}
