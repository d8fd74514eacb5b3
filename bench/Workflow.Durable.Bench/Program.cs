using System.Globalization;
using Workflow.Durable.Bench;

// The durable runtime's benchmark (issue 3): the chain on Azurite with its storage requests counted and
// replayed without the engine, the in-memory engine alone, and the worker's memory over many instances.
// Not part of the test run: dotnet run -c Release --project bench/Workflow.Durable.Bench -- [--instances N] [--quick]
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args is [MemoryRun.ChildFlag, var instances, var waves] && BenchOptions.Positive(instances) is { } n && BenchOptions.Positive(waves) is { } w)
{
    return await MemoryRun.ServeAsync(n, w);
}

if (BenchOptions.Parse(args) is not { } options)
{
    return 2;
}

Report.Header(options);
var azuriteRounds = new List<AzuriteResult>();
for (var round = 0; round < options.Rounds; round++)
{
    azuriteRounds.Add(await AzuriteRun.RunAsync(options.AzuriteInstances));
}

Report.Azurite(azuriteRounds);
var inMemoryRounds = new List<InMemoryResult>();
for (var round = 0; round < options.Rounds; round++)
{
    inMemoryRounds.Add(await InMemoryRun.RunAsync(options.InMemoryInstances));
}

var inMemory = Report.InMemory(inMemoryRounds);
var memory = await MemoryRun.RunAsync(options.MemoryInstances, options.MemoryWaves);
Report.Memory(memory);
return Report.Targets(azuriteRounds, inMemory, memory) ? 0 : 1;
