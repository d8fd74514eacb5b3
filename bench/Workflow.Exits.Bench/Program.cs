using System.Globalization;
using Workflow.Exits.Bench;
using Workflow.Testing;

// The household-exit benchmark: 禄丰 scale (2,000 cases through all seven steps) with scripted approvers clicking the
// links the app's robot webhook posts them, the app as a separate process on Azurite, storage operations counted by a relay.
// Not part of the test run: dotnet run -c Release --project bench/Workflow.Exits.Bench -- [--households N] [--approvers N] [--quick]
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (ExitBenchOptions.Parse(args) is not { } options)
{
    return 2;
}

ExitReport.Header(options);

// Ctrl-C or SIGTERM stops the run and still kills the app and Azurite.
return await StoppableRun.RunAsync(async stop => ExitReport.Print(await ExitRun.RunAsync(options, stop)));
