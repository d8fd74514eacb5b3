using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Workflow.Functions.Tests.Hosting;

/// <summary>The package build runs alone: publishing ReadyToRun takes both cores, which would slow timing-sensitive tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PackageCollection
{
    public const string Name = "Package";
}

/// <summary>scripts/package.sh builds the deployable folder the Functions host is given, and its executable starts.</summary>
[Collection(PackageCollection.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PackageLayoutTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"package-{Guid.NewGuid():N}");

    [Fact]
    public async Task Package_holds_host_json_every_function_folder_and_a_self_contained_executable_that_starts()
    {
        var folder = Path.Combine(_root, "functionapp");
        var (exitCode, output) = await RunAsync("bash", [Path.Combine(RepositoryRoot.Path, "scripts", "package.sh"), folder], TimeSpan.FromMinutes(10));
        Assert.True(exitCode == 0, output);

        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "host.json")), File.ReadAllText(Path.Combine(folder, "host.json")));
        var functions = FunctionAppFiles.Functions().Select(f => f.Name).ToList();
        Assert.Equal(functions, Directory.GetDirectories(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var function in functions)
        {
            Assert.Equal(
                File.ReadAllText(Path.Combine(FunctionAppFiles.FunctionsFolder, function, "function.json")),
                File.ReadAllText(Path.Combine(folder, function, "function.json")));
        }

        // host.json's defaultExecutablePath, runnable without an installed .NET: the host's image has none of ours.
        var executable = Path.Combine(folder, "Workflow.Functions");
        Assert.True(File.GetUnixFileMode(executable).HasFlag(UnixFileMode.UserExecute));
        Assert.Contains("\"includedFrameworks\"", File.ReadAllText(Path.Combine(folder, "Workflow.Functions.runtimeconfig.json")), StringComparison.Ordinal);
        await AssertStartsAsync(executable);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    // Started as the host starts it: the port in FUNCTIONS_CUSTOMHANDLER_PORT, settings in the environment.
    private static async Task AssertStartsAsync(string executable)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var start = new ProcessStartInfo(executable) { WorkingDirectory = Path.GetDirectoryName(executable)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Storage__ConnectionString"] = "UseDevelopmentStorage=true";
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                try
                {
                    using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    return;
                }
                catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
                {
                    await Task.Delay(50);
                }
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] arguments, TimeSpan limit)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot.Path };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }
}
