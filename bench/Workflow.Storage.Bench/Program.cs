using System.Runtime;
using System.Runtime.InteropServices;
using Workflow.Storage;
using Workflow.Storage.Bench;
using Workflow.Testing;

// Our storage clients against a raw HttpClient making the identical REST calls, each cell on an Azurite of its own.
// Not part of the test run: dotnet run -c Release --project bench/Workflow.Storage.Bench -- --help
if (BenchOptions.Parse(args) is not { } options)
{
    return 2;
}

BenchOperation[] operations =
[
    .. TableOperations.All.Concat(QueueOperations.All)
        .Where(o => options.Only is null || o.Name.Contains(options.Only, StringComparison.OrdinalIgnoreCase)),
];
if (operations.Length == 0)
{
    Console.Error.WriteLine($"No operation's name contains '{options.Only}'.");
    return 2;
}

var clientOptions = new StorageClientOptions();
if (options.Lean)
{
    clientOptions.Diagnostics.IsLoggingEnabled = false;
    clientOptions.Diagnostics.IsDistributedTracingEnabled = false;
}

Console.WriteLine(
    $"Workflow.Storage.Bench: operations per round: {string.Join(", ", operations.Select(o => $"{o.Name} {options.OperationsFor(o)}"))}; " +
    $"{options.Rounds} round(s) per caller, median reported; client {(options.Lean ? "lean (logging and tracing off)" : "with default options")}" +
    (options.AaTest ? "; A/A RUN: the client on both sides" : string.Empty));
Console.WriteLine(
    $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, " +
    $"server GC {GCSettings.IsServerGC}; Azurite {AzuriteVersion()} in memory on 127.0.0.1, a fresh one per cell");
Console.WriteLine();

await using (var azurite = await AzuriteProcess.StartAsync())
{
    using var targets = new BenchTargets(azurite.ConnectionString, clientOptions);
    var (identical, answers) = await WireCheck.RunAsync(azurite.ConnectionString, targets.Setup);
    if (!identical)
    {
        Console.WriteLine("The baseline does not make the client's request, so its figures would not be comparable: fix RawStorageCaller.");
        return 1;
    }

    Console.WriteLine();
    await ReplayProfile.RunAsync(azurite.ConnectionString, answers, options.ReplayCalls, options.ReplayRounds);
    await ComponentProfile.RunAsync(azurite.ConnectionString, answers, options.ReplayCalls, options.ReplayRounds);
}

if (options.ReplayOnly)
{
    return 0;
}

var rows = await new BenchRunner(options, clientOptions).RunAsync(operations);
ResultTable.Print(rows, Console.Out);
return 0;

static string AzuriteVersion()
{
    var package = Path.Combine(RepositoryRoot.Path, "node_modules", "azurite", "package.json");
    using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(package));
    return json.RootElement.GetProperty("version").GetString() ?? "?";
}
