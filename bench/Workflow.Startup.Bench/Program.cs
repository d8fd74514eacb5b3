using System.Globalization;
using Workflow.Startup.Bench;
using Workflow.Testing;

// Startup time of the deployable package (issue 8): process start → first 200 from /health, with the app started as
// the Functions host starts a custom handler. The host allows 60 s; the target is ≤ 1 s. Not part of the test run:
// bash scripts/package.sh && dotnet run -c Release --project bench/Workflow.Startup.Bench -- [--runs N] [--package DIR]
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var runs = 10;
var package = Path.Combine(RepositoryRoot.Path, "artifacts", "functionapp");
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

var executable = Path.Combine(package, "Workflow.App");
if (!File.Exists(executable))
{
    Console.Error.WriteLine($"No package at {package}: run bash scripts/package.sh first.");
    return 2;
}

var frameworkDependent = Path.Combine(AppContext.BaseDirectory, "Workflow.App.dll");
var variants = new (string Name, string[] Command)[]
{
    ("package: self-contained linux-x64, ReadyToRun", [executable]),
    ("framework-dependent build (dotnet Workflow.App.dll)", [Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet", frameworkDependent]),
};

await using var azurite = await AzuriteProcess.StartAsync();
Console.WriteLine($"Startup: process start → first 200 from /health, the first run (files perhaps not yet cached) and {runs} more; load average {LoadAverage()}");
var packageMedian = TimeSpan.Zero;
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
    packageMedian = packageMedian == TimeSpan.Zero ? median : packageMedian;
    Console.WriteLine($"  {name,-60} first {Ms(first)}  then min {Ms(times[0])}  p50 {Ms(median)}  max {Ms(times[^1])}");
}

var met = packageMedian <= TimeSpan.FromSeconds(1);
Console.WriteLine($"Target: package p50 ≤ 1000 ms — {(met ? "met" : "NOT met")} ({Ms(packageMedian)}); load average now {LoadAverage()}");
return met ? 0 : 1;

static string Ms(TimeSpan time) => $"{time.TotalMilliseconds,6:0} ms";

// The 1-minute load average: figures mean something only on an otherwise idle machine.
static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
