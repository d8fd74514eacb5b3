namespace Workflow.Durable.Bench;

/// <summary>What the instances of a run recorded in their histories, added up across threads.</summary>
internal sealed class ChainTally
{
    private int _instances;
    private int _correct;
    private int _orchestrationSteps;
    private int _activityExecutions;

    public int Instances => _instances;

    /// <summary>Instances that completed with the output the chain should produce.</summary>
    public int Correct => _correct;

    public int OrchestrationSteps => _orchestrationSteps;

    public int ActivityExecutions => _activityExecutions;

    /// <summary>A step is one orchestration step commit or one activity execution.</summary>
    public int Steps => OrchestrationSteps + ActivityExecutions;

    public void Add(bool correct, int orchestrationSteps, int activityExecutions)
    {
        Interlocked.Increment(ref _instances);
        Interlocked.Add(ref _correct, correct ? 1 : 0);
        Interlocked.Add(ref _orchestrationSteps, orchestrationSteps);
        Interlocked.Add(ref _activityExecutions, activityExecutions);
    }
}
