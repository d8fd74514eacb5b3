using System.Diagnostics;
using System.Globalization;

namespace Workflow.Durable.Bench;

/// <summary>
/// CPU time of the benchmark process and of Azurite (its child process), so a phase can show which side was
/// busy: Azurite runs its JavaScript on one thread, so near one core means it is the bottleneck.
/// </summary>
internal sealed record Cpu(TimeSpan Bench, TimeSpan Azurite)
{
    public static Cpu Now()
    {
        using var self = Process.GetCurrentProcess();
        return new Cpu(self.TotalProcessorTime, ChildrenCpu());
    }

    public static Cpu operator -(Cpu after, Cpu before) => new(after.Bench - before.Bench, after.Azurite - before.Azurite);

    public string Describe(TimeSpan wall) =>
        $"bench process {Bench.TotalSeconds:0.0} s ({Bench / wall:0.00} cores), Azurite {Azurite.TotalSeconds:0.0} s ({Azurite / wall:0.00} cores)";

    // Direct children's CPU from /proc (Azurite's node process); zero where there is no /proc.
    private static TimeSpan ChildrenCpu()
    {
        if (!Directory.Exists("/proc"))
        {
            return TimeSpan.Zero;
        }

        var self = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc").Where(d => char.IsAsciiDigit(Path.GetFileName(d)[0])))
        {
            try
            {
                // Fields after the ")" closing the command name: state ppid ... utime (12th) stime (13th), in clock ticks.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[1] == self)
                {
                    ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
                // The process ended while being read.
            }
        }

        // Linux reports these in USER_HZ, 100 per second.
        return TimeSpan.FromSeconds(ticks / 100.0);
    }
}
