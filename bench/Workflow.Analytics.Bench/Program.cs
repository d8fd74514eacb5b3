using System.Globalization;
using System.Runtime.InteropServices;
using Workflow.Analytics.Bench;

// The Power BI export benchmark: synthetic register rows and exit step facts through the production CSV and table paths,
// each against a plain CSV write of the same rows in the same run, on Azurite started here.
// Not part of the test run: dotnet run -c Release --project bench/Workflow.Analytics.Bench -- [--register N] [--steps N] [--quick]
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (AnalyticsBenchOptions.Parse(args) is not { } options)
{
    return 2;
}

// Ctrl-C or SIGTERM stops the run and still kills Azurite (it is disposed on the way out).
using var stop = new CancellationTokenSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
AnalyticsReport.Header(options);
try
{
    var run = await AnalyticsRun.RunAsync(options, stop.Token);
    return AnalyticsReport.Print(run) ? 0 : 1;
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
