using System.Runtime.InteropServices;

namespace Workflow.Testing;

/// <summary>
/// Runs a benchmark until it ends or Ctrl-C / SIGTERM stops it. Stopping cancels the run's token instead of killing the
/// process, so what the run started (Azurite, the app) is still disposed on the way out.
/// </summary>
public static class StoppableRun
{
    /// <summary>The exit code: 0 when <paramref name="run"/> says its targets were met, 1 when not, 3 when stopped.</summary>
    public static async Task<int> RunAsync(Func<CancellationToken, Task<bool>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        using var stop = new CancellationTokenSource();
        void Cancel(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        try
        {
            return await run(stop.Token) ? 0 : 1;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.WriteLine("Stopped before the end; no figures.");
            return 3;
        }
    }
}
