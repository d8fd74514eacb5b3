namespace Workflow.Domain.Rectification;

/// <summary>An action the item's state does not allow (e.g. closing an item nobody has submitted).</summary>
public sealed class IllegalTransitionException(string itemId, RectificationStatus status, OverdueStage stage, RectificationAction action)
    : InvalidOperationException($"Rectification item {itemId} is {status} ({stage}); {action} is not allowed.")
{
    public string ItemId { get; } = itemId;

    public RectificationStatus Status { get; } = status;

    public OverdueStage Stage { get; } = stage;

    public RectificationAction Action { get; } = action;
}
