namespace Workflow.App.Funds.Orchestration;

/// <summary>The names the disbursement activities are registered under.</summary>
public static class FundActivities
{
    public const string OpenStep = "FundOpenStep";
    public const string Remind = "FundRemind";
    public const string Supervise = "FundSupervise";
    public const string Summon = "FundSummon";
    public const string RecordPayment = "FundRecordPayment";
    public const string OpenRequest = "FundOpenRequest";
    public const string RecordRequest = "FundRecordRequest";
    public const string Complete = "FundComplete";
}

// The inputs of the activities. Each carries its orchestration's sequence number, which keys what the activity writes
// (row change, notification, audit entry), so an activity run twice writes nothing twice.

public sealed record AllocationInput(string AllocationId);

public sealed record StepRunInput(string AllocationId, string Step);

public sealed record StepInput(string AllocationId, string Step, int Sequence);

/// <summary>A step's deadline passed, or its reminder came: <paramref name="At"/> is the county time the orchestration saw it.</summary>
public sealed record StepAtInput(string AllocationId, string Step, int Sequence, DateTimeOffset At);

/// <summary>When an opened step's deadline in force has passed, and when its reminder goes out (null: none, its time has gone).</summary>
public sealed record StepOpening(DateTimeOffset OverdueAt, DateTimeOffset? RemindAt);

public sealed record PaymentInput(PaymentDecision Decision, int Sequence);

public sealed record RequestInput(string AllocationId, int Request, int Sequence);

public sealed record RecordRequestInput(VillageRequestDecision Decision, int Request, int Sequence);
