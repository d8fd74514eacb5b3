namespace Workflow.Testing.Exits;

/// <summary>How the scripted approvers poll and submit.</summary>
public sealed record ScriptedApproverOptions
{
    /// <summary>Approvers submitting at once.</summary>
    public int Workers { get; init; } = 20;

    /// <summary>
    /// When set, the links reach the approvers as group-robot webhook posts to this address (WeCom markdown, as on a
    /// phone; the app configured with it, see <see cref="ScriptedApprovers.FreeWebhookUrl"/>) instead of by reading /inbox.
    /// </summary>
    public Uri? Webhook { get; init; }

    /// <summary>
    /// Between reads of the whole inbox (its newest 200 messages, all recipients). This is how new links are found
    /// quickly, and it bounds how precisely "appeared" is measured.
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Between reads of one recipient's inbox, taken in turn: the safety net for a link that was never among the
    /// newest 200 of the whole inbox when it was read.
    /// </summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Whose inbox a case's next link will reach, given the link just seen (decision or notice); empty when none follows.
    /// Those inboxes are read first until the next link shows: the whole-inbox read lists messages by when they were
    /// created, so a notification delivered late (a backlog in the outbox) is never among the newest 200 and would wait
    /// for the safety sweep. Null reads only the whole inbox and the sweep.
    /// </summary>
    public Func<InboxLink, IEnumerable<string>>? NextRecipients { get; init; }

    /// <summary>Readers of the inboxes awaited (see <see cref="NextRecipients"/>), each reading one recipient in turn.</summary>
    public int WatchReaders { get; init; } = 2;

    /// <summary>Between one watch reader's reads.</summary>
    public TimeSpan WatchInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Before submitting a link for the first time, an approver opens its page (GET, as tapping the link on a phone does)
    /// and reads it this long. Zero submits at once: then 20 approvers click far faster than people do, and what is
    /// measured after a click is mostly the wait behind everyone else's clicks.
    /// </summary>
    public TimeSpan ReadingTime { get; init; } = TimeSpan.Zero;

    /// <summary>Before a POST that got no answer is sent again.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Per request; a request that takes longer counts as unanswered.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(20);
}
