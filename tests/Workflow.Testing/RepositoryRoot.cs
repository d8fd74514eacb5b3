using System.Reflection;

namespace Workflow.Testing;

/// <summary>The checkout these binaries were built from, so tests can use its pinned tools (node_modules) and data.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } =
        typeof(RepositoryRoot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepositoryRoot").Value
        ?? throw new InvalidOperationException("The build did not record the repository root.");
}
