using System.Collections.Concurrent;
using System.Diagnostics;
using Workflow.Durable.TestWorker;

namespace Workflow.Durable.Tests.Reliability;

/// <summary>
/// The test worker (tests/Workflow.Durable.TestWorker) as a real child process, so it can be killed with
/// SIGKILL. Its output lines are collected into a log shared by all the processes of one test.
/// </summary>
internal sealed class TestWorkerProcess : IDisposable
{
    private readonly Process _process;

    private TestWorkerProcess(Process process) => _process = process;

    /// <summary>
    /// The worker's dll. The test project references the worker project, so the SDK copies the dll with its
    /// runtimeconfig.json and deps.json next to the tests, wherever the build puts them (bin/, --artifacts-path, -c Release).
    /// </summary>
    private static string WorkerDll { get; } = typeof(CrashCase).Assembly.Location;

    /// <summary>The dotnet host that runs these tests runs the worker too (the CLI exports its path); else the one on PATH.</summary>
    private static string DotnetHost { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    public static string CommandLine => $"{DotnetHost} {WorkerDll} <connection string> <task hub>";

    public static TestWorkerProcess Start(string connectionString, string taskHub, ConcurrentQueue<string> log)
    {
        var start = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { WorkerDll, connectionString, taskHub })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {DotnetHost} {WorkerDll}.");
        process.OutputDataReceived += (_, e) => Collect(log, process.Id, e.Data);
        process.ErrorDataReceived += (_, e) => Collect(log, process.Id, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new TestWorkerProcess(process);
    }

    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL: no finally blocks, no flushing — the crash the runtime must survive.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static void Collect(ConcurrentQueue<string> log, int pid, string? line)
    {
        if (line is not null)
        {
            log.Enqueue($"[{pid}] {line}");
        }
    }
}
