using System.Globalization;
using Workflow.Startup.Bench;
using Workflow.Testing;

// Startup time of the standalone host (issues 8 and 18): process start → first 200 from /health, target ≤ 1 s, for the
// framework-dependent build (the baseline, as scripts/run-local.sh runs it) and a self-contained ReadyToRun publish.
// The Function App's worker start is measured through the gRPC stand-in host (tests/Workflow.FunctionApp.Tests).
// Not part of the test run:
//   dotnet publish functions/Workflow.Host -c Release -r linux-x64 --self-contained -p:PublishReadyToRun=true -o artifacts/host
//   dotnet run -c Release --project bench/Workflow.Startup.Bench -- [--runs N] [--package DIR]
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var runs = 10;
var package = Path.Combine(RepositoryRoot.Path, "artifacts", "host");
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--runs" when int.TryParse(args[i + 1], out var n) && n > 0:
            runs = n;
            break;
        case "--package":
            package = Path.GetFullPath(args[i + 1]);
            break;
        default:
            Console.Error.WriteLine($"Unknown option {args[i]} {args[i + 1]}; use --runs N and --package DIR.");
            return 2;
    }
}

var executable = Path.Combine(package, "Workflow.Host");
if (!File.Exists(executable))
{
    Console.Error.WriteLine($"No ReadyToRun publish at {package}: see the command at the top of Program.cs.");
    return 2;
}

var frameworkDependent = Path.Combine(AppContext.BaseDirectory, "Workflow.Host.dll");
var variants = new (string Name, string[] Command)[]
{
    ("framework-dependent build (dotnet Workflow.Host.dll)", [Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet", frameworkDependent]),
    ("self-contained linux-x64, ReadyToRun", [executable]),
};

await using var azurite = await AzuriteProcess.StartAsync();
Console.WriteLine($"Startup: process start → first 200 from /health, the first run (files perhaps not yet cached) and {runs} more; load average {LoadAverage()}");
var medians = new List<TimeSpan>();
foreach (var (name, command) in variants)
{
    var first = await AppStart.MeasureAsync(command, azurite.ConnectionString);
    var times = new List<TimeSpan>();
    for (var run = 0; run < runs; run++)
    {
        times.Add(await AppStart.MeasureAsync(command, azurite.ConnectionString));
    }

    times.Sort();
    var median = times[times.Count / 2];
    medians.Add(median);
    Console.WriteLine($"  {name,-60} first {Ms(first)}  then min {Ms(times[0])}  p50 {Ms(median)}  max {Ms(times[^1])}");
}

Console.WriteLine($"ReadyToRun ÷ framework-dependent p50: {medians[1] / medians[0]:0.00}");
var met = medians.Min() <= TimeSpan.FromSeconds(1);
Console.WriteLine($"Target: p50 ≤ 1000 ms — {(met ? "met" : "NOT met")} (best {Ms(medians.Min())}); load average now {LoadAverage()}");
return met ? 0 : 1;

static string Ms(TimeSpan time) => $"{time.TotalMilliseconds,6:0} ms";

// The 1-minute load average: figures mean something only on an otherwise idle machine.
static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
