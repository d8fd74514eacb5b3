using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Workflow.Storage.Bench;

/// <summary>
/// CPU time of the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>): unlike a stopwatch it does not count the time
/// the thread was waiting for a core, which on a busy machine is most of the noise. Elsewhere: a stopwatch.
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    /// <summary>Microseconds on some fixed origin; only differences taken on the same thread mean anything.</summary>
    public static double NowMicroseconds()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTimeId, out var time) == 0)
        {
            return (time.Seconds * 1_000_000.0) + (time.Nanoseconds / 1_000.0);
        }

        return Stopwatch.GetTimestamp() * 1_000_000.0 / Stopwatch.Frequency;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clockId, out Timespec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
