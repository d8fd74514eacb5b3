global using Workflow.Testing;
using Xunit;

// Each worker the tests start is a whole app process on a shared two-core machine, and both collections publish the
// app: one collection at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Workflow.FunctionApp.Tests;

/// <summary>One publish of the Function App for the tests that read the published folder.</summary>
[CollectionDefinition(Name)]
public sealed class FunctionAppCollection : ICollectionFixture<PublishedFunctionApp>
{
    public const string Name = "FunctionApp";
}
