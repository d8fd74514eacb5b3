using System.Globalization;
using System.Runtime.InteropServices;
using Workflow.Exits.Bench;

// The household-exit benchmark: 禄丰 scale (2,000 cases through all seven steps) with scripted approvers clicking the
// links the app's robot webhook posts them, the app as a separate process on Azurite, storage operations counted by a relay.
// Not part of the test run: dotnet run -c Release --project bench/Workflow.Exits.Bench -- [--households N] [--approvers N] [--quick]
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (ExitBenchOptions.Parse(args) is not { } options)
{
    return 2;
}

// Ctrl-C or SIGTERM stops the run and still kills the app and Azurite (they are disposed on the way out).
using var stop = new CancellationTokenSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
ExitReport.Header(options);
try
{
    var run = await ExitRun.RunAsync(options, stop.Token);
    return ExitReport.Print(run) ? 0 : 1;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.WriteLine("Stopped before the end; no figures.");
    return 3;
}

void Cancel(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
