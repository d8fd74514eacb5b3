namespace Workflow.App.Links;

/// <summary>
/// A capability that keeps what a link holder decided in the same write that spends the link, then delivers it (to an
/// orchestration or a table) and marks it delivered. <see cref="KeptDecisionRedelivery"/> asks each one to deliver
/// again what a stopped process kept but never delivered.
/// </summary>
public interface IKeptDecisionDelivery
{
    /// <summary>Delivers every kept decision not marked delivered that was made before <paramref name="madeBefore"/>; returns how many.</summary>
    Task<int> RedeliverPendingAsync(DateTimeOffset madeBefore, CancellationToken cancellationToken);
}
