global using Workflow.Testing;
using Xunit;

namespace Workflow.FunctionApp.Tests;

/// <summary>
/// One publish of the Function App and one Azurite for every test here; the tests run one at a time, as each worker
/// they start is a whole app process on a shared two-core machine.
/// </summary>
[CollectionDefinition(Name)]
public sealed class FunctionAppCollection : ICollectionFixture<PublishedFunctionApp>, ICollectionFixture<AzuriteFixture>
{
    public const string Name = "FunctionApp";
}
