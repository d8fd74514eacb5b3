namespace Workflow.Durable;

/// <summary>The <see cref="IDurableStore.SendAsync"/> rule both backends apply to a message's visible-at time.</summary>
internal static class MessageDelay
{
    /// <summary>How long from <paramref name="now"/> until <paramref name="visibleAt"/>: none when null or past, at most <paramref name="max"/>.</summary>
    public static TimeSpan Until(DateTimeOffset? visibleAt, DateTimeOffset now, TimeSpan max) =>
        visibleAt is { } at && at > now ? (at - now < max ? at - now : max) : TimeSpan.Zero;
}
