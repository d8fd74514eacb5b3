namespace Workflow.FunctionApp.Tests;

/// <summary>The time a while ago: what a test records with it looks old enough to the outbox sweep.</summary>
internal sealed class EarlierClock(TimeSpan by) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() - by;
}
