namespace Workflow.Storage.Bench;

/// <summary>
/// Times a call made many times in a row on one thread: CPU microseconds and managed bytes allocated per call.
/// The calls must complete synchronously (they do against <see cref="ReplayHandler"/>); a loop that hopped threads
/// is reported as such rather than trusted.
/// </summary>
internal static class CallTimer
{
    public static async Task<CallCost> TimeAsync(int calls, Func<int, Task> call)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var thread = Environment.CurrentManagedThreadId;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var started = ThreadCpuClock.NowMicroseconds();
        for (var i = 0; i < calls; i++)
        {
            await call(i);
        }

        var micros = ThreadCpuClock.NowMicroseconds() - started;
        var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
        return Environment.CurrentManagedThreadId == thread
            ? new CallCost(micros / calls, (double)bytes / calls)
            : throw new InvalidOperationException("A timed call did not complete synchronously, so its thread's clock does not cover it.");
    }

    public static Task<CallCost> Time(int calls, Action<int> call) =>
        TimeAsync(calls, i =>
        {
            call(i);
            return Task.CompletedTask;
        });

    public static CallCost Median(IReadOnlyList<CallCost> costs) =>
        new(costs.Select(c => c.Micros).Order().ElementAt(costs.Count / 2), costs.Select(c => c.Bytes).Order().ElementAt(costs.Count / 2));
}

/// <summary>CPU microseconds and allocated bytes per call.</summary>
internal readonly record struct CallCost(double Micros, double Bytes);
