using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Workflow.Testing.Exits;

/// <summary>
/// The app as a separate OS process on a fixed port of 127.0.0.1, so a test can kill it with SIGKILL (no finally
/// blocks, no flushing, requests cut off mid-way) and start it again on the same address and storage, as a host
/// restart would. Its output is kept (the last lines) to explain a failure.
/// </summary>
public sealed class WorkflowAppProcess : IAsyncDisposable
{
    private const int KeptLines = 3000;

    private readonly string _dll;
    private readonly IReadOnlyList<string> _arguments;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    private WorkflowAppProcess(string dll, IReadOnlyList<string> arguments, Uri address)
    {
        _dll = dll;
        _arguments = arguments;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Processes started so far (1 plus the restarts).</summary>
    public int Starts { get; private set; }

    /// <summary>The current process's id; null when none is running.</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>The dotnet host that runs these tests runs the app too (the CLI exports its path); else the one on PATH.</summary>
    public static string DotnetHost { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>Starts <paramref name="dll"/> in Development on a free port and waits until it answers /health.</summary>
    /// <param name="settings">Configuration given as --key=value arguments (Storage:ConnectionString, Exits:NoticePeriod, ...).</param>
    public static async Task<WorkflowAppProcess> StartAsync(string dll, IEnumerable<(string Key, string Value)> settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"The app is not built at {dll}.", dll);
        }

        var address = new Uri($"http://127.0.0.1:{FreePort().ToString(CultureInfo.InvariantCulture)}");
        var arguments = new List<string> { dll, "--urls", address.ToString().TrimEnd('/'), "--environment", "Development" };
        arguments.AddRange(settings.Select(s => $"--{s.Key}={s.Value}"));
        var app = new WorkflowAppProcess(dll, arguments, address);
        await app.RestartAsync(cancellationToken);
        return app;
    }

    /// <summary>Starts the process again (after <see cref="KillAsync"/>) and waits until it answers /health.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException("The app is still running; kill it first.");
        }

        _process?.Dispose();
        var start = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in _arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {DotnetHost} {_dll}.");
        Starts++;
        var run = Starts;
        process.OutputDataReceived += (_, e) => Keep(run, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(run, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var health = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            try
            {
                using var response = await health.GetAsync("/health", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }

            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The app did not come up at {Address} (exited: {process.HasExited}). Its output:\n{Output()}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>SIGKILL to the process and its children; returns once it is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>The last lines the processes wrote, each marked with the run it came from.</summary>
    public string Output() => string.Join('\n', _output);

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    private void Keep(int run, string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue($"[{run}] {line}");
        while (_output.Count > KeptLines && _output.TryDequeue(out _))
        {
        }
    }

    // The port is released before the app binds it; on a test machine nothing else takes it in between.
    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
