using System.Globalization;

namespace Workflow.Exits.Bench;

/// <summary>
/// CPU time of the benchmark, the app process and Azurite (the benchmark's other child), read from /proc, so the
/// figures show which side was busy on a machine of few cores. Zero where there is no /proc.
/// </summary>
/// <param name="AzuriteQueue">Of <see cref="Azurite"/>, the queue service's processes: each service is one single-threaded process,
/// so one of them near a whole core is the bound whatever the total.</param>
/// <param name="AzuriteTables">Each table service process apart (two with the task hub in an account of its own), by pid.</param>
internal sealed record ProcessCpu(TimeSpan Bench, TimeSpan App, TimeSpan Azurite, TimeSpan AzuriteQueue, IReadOnlyDictionary<string, TimeSpan> AzuriteTables, TimeSpan Machine)
{
    public static ProcessCpu Now(int? appPid)
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        var (app, others, queue, tables) = Children(appPid);
        return new ProcessCpu(self.TotalProcessorTime, app, others, queue, tables, MachineBusy());
    }

    public static ProcessCpu operator -(ProcessCpu after, ProcessCpu before) =>
        new(after.Bench - before.Bench, after.App - before.App, after.Azurite - before.Azurite, after.AzuriteQueue - before.AzuriteQueue,
            after.AzuriteTables.ToDictionary(t => t.Key, t => t.Value - before.AzuriteTables.GetValueOrDefault(t.Key)), after.Machine - before.Machine);

    public string Describe(TimeSpan wall) =>
        $"app {App.TotalSeconds:0} s ({App / wall:0.00} cores), Azurite {Azurite.TotalSeconds:0} s ({Azurite / wall:0.00} cores: " +
        $"table {string.Join(" + ", AzuriteTables.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => (t.Value / wall).ToString("0.00", CultureInfo.InvariantCulture)))}, " +
        $"queue {AzuriteQueue / wall:0.00}), " +
        $"benchmark and approvers {Bench.TotalSeconds:0} s ({Bench / wall:0.00} cores); whole machine {Machine / wall:0.00} of {Environment.ProcessorCount} cores busy";

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    // The app is one child (restarts would change its pid, but the benchmark never restarts it); Azurite is the rest.
    private static (TimeSpan App, TimeSpan Others, TimeSpan Queue, Dictionary<string, TimeSpan> Tables) Children(int? appPid)
    {
        var tables = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        if (!Directory.Exists("/proc"))
        {
            return (TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, tables);
        }

        var self = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var app = appPid?.ToString(CultureInfo.InvariantCulture);
        long appTicks = 0, otherTicks = 0, queueTicks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc").Where(d => char.IsAsciiDigit(Path.GetFileName(d)[0])))
        {
            try
            {
                // Fields after the ")" closing the command name: state ppid ... utime (12th) stime (13th), in clock ticks.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[1] != self)
                {
                    continue;
                }

                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                if (Path.GetFileName(directory) == app)
                {
                    appTicks += ticks;
                }
                else
                {
                    otherTicks += ticks;
                    var command = File.ReadAllText(Path.Combine(directory, "cmdline"));
                    queueTicks += command.Contains("azurite-queue", StringComparison.Ordinal) ? ticks : 0;
                    if (command.Contains("azurite-table", StringComparison.Ordinal))
                    {
                        tables[Path.GetFileName(directory)] = Seconds(ticks);
                    }
                }
            }
            catch (IOException)
            {
                // The process ended while being read.
            }
        }

        // Linux reports these in USER_HZ, 100 per second.
        return (Seconds(appTicks), Seconds(otherTicks), Seconds(queueTicks), tables);

        static TimeSpan Seconds(long ticks) => TimeSpan.FromSeconds(ticks / 100.0);
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
