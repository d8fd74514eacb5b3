using System.Globalization;

namespace Workflow.Analytics.Bench;

/// <summary>
/// CPU time of the benchmark and of its children (the Azurite processes), and the whole machine's busy time, read from
/// /proc, so each figure shows which side was busy on a machine of few cores shared with others. Zero where there is
/// no /proc.
/// </summary>
internal sealed record ProcessUsage(TimeSpan Bench, TimeSpan Azurite, TimeSpan Machine)
{
    public static ProcessUsage Now()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return new ProcessUsage(self.TotalProcessorTime, TimeSpan.FromSeconds(ChildrenTicks() / 100.0), MachineBusy());
    }

    public static ProcessUsage operator -(ProcessUsage after, ProcessUsage before) =>
        new(after.Bench - before.Bench, after.Azurite - before.Azurite, after.Machine - before.Machine);

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>The benchmark's peak resident memory since the last <see cref="ResetPeak"/> (VmHWM), in bytes; 0 where unknown.</summary>
    public static long PeakResident() => StatusKilobytes("/proc/self/status", "VmHWM:") * 1024;

    /// <summary>Resident memory of the children (Azurite, which keeps blobs and tables in memory), in bytes.</summary>
    public static long AzuriteResident() => Children().Sum(pid => StatusKilobytes($"/proc/{pid}/status", "VmRSS:")) * 1024;

    /// <summary>Starts a new peak for <see cref="PeakResident"/> (Linux: 5 written to clear_refs); false where that is not allowed.</summary>
    public static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long ChildrenTicks()
    {
        long ticks = 0;
        foreach (var pid in Children())
        {
            // Fields after the ")" closing the command name: state ppid ... utime (12th) stime (13th), in USER_HZ (100 a second).
            if (Stat(pid) is { } fields)
            {
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
        }

        return ticks;
    }

    private static IEnumerable<string> Children()
    {
        if (!Directory.Exists("/proc"))
        {
            yield break;
        }

        var self = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        foreach (var pid in Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(d => d is { Length: > 0 } && char.IsAsciiDigit(d[0])))
        {
            if (Stat(pid!) is { } fields && fields[1] == self)
            {
                yield return pid!;
            }
        }
    }

    private static string[]? Stat(string pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null; // The process ended while being read.
        }
    }

    private static long StatusKilobytes(string path, string field)
    {
        try
        {
            var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    // All cores' non-idle time from /proc/stat: what everything on the machine used, the other tenants included.
    private static TimeSpan MachineBusy()
    {
        if (!File.Exists("/proc/stat"))
        {
            return TimeSpan.Zero;
        }

        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var idle = fields[3] + fields[4];
        return TimeSpan.FromSeconds((fields.Take(8).Sum() - idle) / 100.0);
    }
}
