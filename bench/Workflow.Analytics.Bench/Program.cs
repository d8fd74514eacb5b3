using System.Globalization;
using Workflow.Analytics.Bench;
using Workflow.Testing;

// The Power BI export benchmark: synthetic register rows and exit step facts through the production CSV and table paths,
// each against a plain CSV write of the same rows in the same run, on Azurite started here.
// Not part of the test run (nor of CI): dotnet run -c Release --project bench/Workflow.Analytics.Bench -- [--register N] [--steps N] [--table-scale F] [--quick]
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (AnalyticsBenchOptions.Parse(args) is not { } options)
{
    return 2;
}

AnalyticsReport.Header(options);

// Ctrl-C or SIGTERM stops the run and still kills Azurite.
return await StoppableRun.RunAsync(async stop => AnalyticsReport.Print(await AnalyticsRun.RunAsync(options, stop)));
