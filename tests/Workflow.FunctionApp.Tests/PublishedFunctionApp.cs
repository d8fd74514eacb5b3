using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Xunit;

namespace Workflow.FunctionApp.Tests;

/// <summary>
/// Workflow.FunctionApp as <c>dotnet publish</c> lays it out for the Functions host, published once from the output this
/// test project's build already made (the project reference builds it first, in the same configuration): no second
/// compile of the app, so nothing collides with a concurrent build of the solution.
/// </summary>
public sealed class PublishedFunctionApp : IAsyncLifetime
{
    private static readonly string Configuration =
        typeof(PublishedFunctionApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"workflow-functionapp-{Guid.NewGuid():N}");

    /// <summary>The functions the host indexes, as <c>functions.metadata</c> lists them.</summary>
    public IReadOnlyList<PublishedFunction> Functions { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var project = Path.Combine(RepositoryRoot.Path, "functions", "Workflow.FunctionApp", "Workflow.FunctionApp.csproj");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "publish", project, "-c", Configuration, "--no-build", "--nologo", "-o", Folder })
        {
            start.ArgumentList.Add(argument);
        }

        using var publish = Process.Start(start)!;
        var output = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish --no-build failed ({publish.ExitCode}); build Workflow.sln in {Configuration} first.\n{await output}\n{await errors}");
        }

        Functions = PublishedFunction.ReadAll(File.ReadAllText(Path.Combine(Folder, "functions.metadata")));
    }

    public JsonDocument ReadJson(string file) => JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, file)));

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}
