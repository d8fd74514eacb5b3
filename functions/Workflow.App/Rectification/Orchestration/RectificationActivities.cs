namespace Workflow.App.Rectification.Orchestration;

/// <summary>The names the rectification activities are registered under.</summary>
public static class RectificationActivities
{
    public const string OpenSubmit = "RectificationOpenSubmit";
    public const string OpenVerify = "RectificationOpenVerify";
    public const string Record = "RectificationRecord";
    public const string Supervise = "RectificationSupervise";
    public const string Summon = "RectificationSummon";
}

// The inputs of the activities. Each carries the orchestration's sequence number, which keys what the activity
// writes (item change, timeline line, notification, audit entry), so running an activity twice writes nothing twice.

public sealed record RectificationInput(string ItemId);

public sealed record RectificationResult(Domain.Rectification.RectificationStatus Status, int Rounds);

public sealed record ItemStepInput(string ItemId, string Step, int Sequence);

/// <summary>A deadline passed: <paramref name="At"/> is the county time the orchestration saw it.</summary>
public sealed record OverdueInput(string ItemId, string Step, int Sequence, DateTimeOffset At);

public sealed record RecordInput(RectificationDecision Decision, int Sequence);
