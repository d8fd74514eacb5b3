using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Xunit;

namespace Workflow.App.Tests.Infrastructure;

/// <summary>The package build runs alone: publishing ReadyToRun takes both cores, which would slow timing-sensitive tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PackageCollection
{
    public const string Name = "Package";
}

/// <summary>
/// scripts/package.sh builds the zip a Flex Consumption app is deployed from: the isolated worker with what the
/// Functions host reads first at the zip's root. Whether the host then loads it is for a real host (infra/README.md).
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class PackageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("package-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_zip_holds_the_worker_and_the_hosts_files_at_its_root()
    {
        var zipPath = Path.Combine(_folder, "functionapp.zip");
        await RunPackageAsync(zipPath);

        using var zip = ZipFile.OpenRead(zipPath);
        string Entry(string name) =>
            zip.GetEntry(name) is { } entry ? new StreamReader(entry.Open()).ReadToEnd() : throw new Xunit.Sdk.XunitException($"The zip has no {name} at its root.");

        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "host.json")), Entry("host.json"));
        Assert.NotNull(zip.GetEntry("Workflow.FunctionApp.dll"));

        using var worker = JsonDocument.Parse(Entry("worker.config.json"));
        Assert.Equal("dotnet-isolated", worker.RootElement.GetProperty("description").GetProperty("language").GetString());
        Assert.Equal("Workflow.FunctionApp.dll", worker.RootElement.GetProperty("description").GetProperty("defaultWorkerPath").GetString());

        using var extensions = JsonDocument.Parse(Entry("extensions.json"));
        var listed = extensions.RootElement.GetProperty("extensions").EnumerateArray().ToList();
        var durable = Assert.Single(listed, e => e.GetProperty("name").GetString() == "DurableTask");
        // The extension's assembly is in the zip where the host will look for it.
        var hintPath = durable.GetProperty("hintPath").GetString()!;
        Assert.NotNull(zip.GetEntry(hintPath.StartsWith("./", StringComparison.Ordinal) ? hintPath[2..] : hintPath));

        // The webhook Event Grid is subscribed to is reachable through an HTTP function's route.
        using var metadata = JsonDocument.Parse(Entry("functions.metadata"));
        var routes = metadata.RootElement.EnumerateArray()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray())
            .Where(b => b.GetProperty("type").GetString() == "httpTrigger" && b.TryGetProperty("route", out _))
            .Select(b => b.GetProperty("route").GetString()!)
            .ToList();
        Assert.Contains("notifications/{*path}", routes);
    }

    private static async Task RunPackageAsync(string zipPath)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot.Path };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot.Path, "scripts", "package.sh"));
        start.ArgumentList.Add(zipPath);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        await process.WaitForExitAsync(limit.Token);
        Assert.True(process.ExitCode == 0, $"package.sh failed ({process.ExitCode}): {await errors}{await output}");
    }
}
