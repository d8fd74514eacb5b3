namespace Workflow.Testing.Exits;

/// <summary>
/// A link as a person finds it in the local inbox (/inbox): where it points and what its token says it is for. The
/// token's middle part is read without checking the signature, which only the app can do; this is the test's view of
/// a URL it was sent.
/// </summary>
/// <param name="PathAndQuery">The link without scheme and host, so it works against whatever address the app has now.</param>
/// <param name="Recipient">Who the notification was for, role@place (e.g. TownshipApprover@532331101).</param>
/// <param name="Subject">The case (or other subject) the link acts on.</param>
/// <param name="Step">The step the link decides (decision links) or shows (notice links).</param>
public sealed record InboxLink(string PathAndQuery, string Recipient, string LinkId, string Purpose, string Subject, string Step, string Holder)
{
    public const string DecisionPath = "/decide/";

    /// <summary>A decision link (审批链接), as opposed to a notice's objection link or anything else with a token.</summary>
    public bool IsDecision => PathAndQuery.StartsWith(DecisionPath, StringComparison.Ordinal);
}
