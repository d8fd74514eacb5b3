using Xunit;

namespace Workflow.FunctionApp.Tests;

/// <summary>One published worker, started once behind the test host, for the tests that drive it.</summary>
[CollectionDefinition(Name)]
public sealed class RunningWorkerCollection : ICollectionFixture<RunningWorker>
{
    public const string Name = "RunningWorker";
}
