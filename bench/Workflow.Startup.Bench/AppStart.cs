using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Workflow.Startup.Bench;

/// <summary>
/// Starts the standalone host as a local run does (a new process, settings in the environment, the address in --urls)
/// and times process start → the first 200 from /health, then stops it.
/// </summary>
internal static class AppStart
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <param name="command">The executable, and for a framework-dependent build the dll it runs.</param>
    public static async Task<TimeSpan> MeasureAsync(string[] command, string storageConnectionString)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(command[^1]))!,
        };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");

        // The settings a deployment gives it, with Azurite for the storage account.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Storage__ConnectionString"] = storageConnectionString;
        start.Environment["Links__Keys__bench"] = Convert.ToBase64String(new byte[32]);
        start.Environment["Links__CurrentKeyId"] = "bench";

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var health = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/health");
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command[0]} did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (clock.Elapsed < Limit)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"The app exited with {process.ExitCode} before it was ready.");
                }

                try
                {
                    using var response = await client.GetAsync(health);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return clock.Elapsed;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(5);
            }

            throw new TimeoutException($"The app was not ready within {Limit.TotalSeconds} s.");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
