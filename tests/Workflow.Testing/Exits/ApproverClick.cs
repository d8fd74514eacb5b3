namespace Workflow.Testing.Exits;

/// <summary>
/// One decision link a scripted approver submitted, with its times on the approvers' clock (time since they started):
/// when the first POST went out, when an answer came back, and when the case's next link was first seen in the inbox.
/// </summary>
/// <param name="FirstPostAt">Start of the first POST. A POST that got no answer (the app was killed) may still have been taken, so latency counts from here.</param>
/// <param name="AnsweredAt">When the POST that got an answer returned; null when none did before the approvers stopped.</param>
/// <param name="Attempts">POSTs sent: more than one when earlier ones got no answer (connection refused or reset, time-out, 5xx).</param>
/// <param name="Status">The answer's HTTP status: 200 when the decision was taken, 409 with <paramref name="Refusal"/> when the link was refused.</param>
/// <param name="Refusal">The refusal the page names (data-refusal), e.g. AlreadyUsed when an unanswered earlier POST had been taken.</param>
/// <param name="NextLinkSeenAt">When the first link of the same subject for another step was first seen after <paramref name="FirstPostAt"/>.</param>
public sealed record ApproverClick(
    InboxLink Link,
    ApproverDecision Decision,
    TimeSpan SeenAt,
    TimeSpan FirstPostAt,
    TimeSpan? AnsweredAt,
    int Attempts,
    int? Status,
    string? Refusal,
    TimeSpan? NextLinkSeenAt)
{
    /// <summary>The decision is the step's: taken by this POST, or by an earlier one that got no answer (the link then reads AlreadyUsed).</summary>
    public bool Taken => Status == 200 || (Refusal == "AlreadyUsed" && Attempts > 1);

    /// <summary>From the first POST to the next step's link appearing in the inbox; null when it has not appeared.</summary>
    public TimeSpan? ToNextLink => NextLinkSeenAt - FirstPostAt;
}
