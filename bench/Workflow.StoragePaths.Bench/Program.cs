using System.Globalization;
using Workflow.StoragePaths.Bench;
using Workflow.Testing;

// The storage paths benchmark (issue 17): two builds of the app — the old REST storage client and the Azure SDK
// clients — back to back in alternating rounds, each on a fresh Azurite, through the app's storage-heavy paths: the
// register import, the decision page and its POST, and the Power BI export. Times only; nothing is asserted.
// Not part of the test run. Build each app in its own worktree (dotnet build functions/Workflow.Host -c Release),
// keep the machine idle, then:
//   dotnet run -c Release --project bench/Workflow.StoragePaths.Bench -- \
//     --old ../wt-old/functions/Workflow.Host/bin/Release/net10.0/Workflow.Host.dll \
//     --new ../wt-new/functions/Workflow.Host/bin/Release/net10.0/Workflow.Host.dll [--rounds 3] [--out paths.md] [--quick]
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (PathsBenchOptions.Parse(args) is not { } options)
{
    return 2;
}

PathsReport.Header(options);

// Ctrl-C or SIGTERM stops the run and still kills the app and Azurite.
return await StoppableRun.RunAsync(async stop => PathsReport.Print(options, await PathsRounds.RunAsync(options, stop)));
