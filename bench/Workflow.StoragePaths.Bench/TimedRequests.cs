using System.Collections.Concurrent;
using System.Diagnostics;
using Workflow.Testing.Exits;

namespace Workflow.StoragePaths.Bench;

/// <summary>Requests sent by a fixed number of workers, each taking the next link as it finishes one: every request's time and the whole batch's.</summary>
internal sealed class TimedRequests
{
    private TimedRequests(List<double> milliseconds, TimeSpan total, int failed, string? firstFailure)
    {
        Milliseconds = milliseconds;
        Total = total;
        Failed = failed;
        FirstFailure = firstFailure;
    }

    /// <summary>Every request's time, sorted.</summary>
    public IReadOnlyList<double> Milliseconds { get; }

    /// <summary>From the first request sent to the last one answered.</summary>
    public TimeSpan Total { get; }

    /// <summary>Requests not answered 200 (they are timed all the same).</summary>
    public int Failed { get; }

    public string? FirstFailure { get; }

    public static async Task<TimedRequests> RunAsync(IReadOnlyList<InboxLink> links, int concurrency, Func<InboxLink, CancellationToken, Task<int>> send, CancellationToken cancellationToken)
    {
        var times = new ConcurrentBag<double>();
        var failures = new ConcurrentQueue<string>();
        var next = -1;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < links.Count; i = Interlocked.Increment(ref next))
            {
                var clock = Stopwatch.StartNew();
                string? failure;
                try
                {
                    var status = await send(links[i], cancellationToken);
                    failure = status == 200 ? null : $"{links[i].Subject}: {status}";
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    failure = $"{links[i].Subject}: {e.GetType().Name} {e.Message}";
                }

                times.Add(clock.Elapsed.TotalMilliseconds);
                if (failure is not null)
                {
                    failures.Enqueue(failure);
                }
            }
        }, cancellationToken)));
        return new TimedRequests(times.Order().ToList(), total.Elapsed, failures.Count, failures.TryPeek(out var first) ? first : null);
    }

    /// <summary>The nearest-rank percentile, in ms; NaN without requests.</summary>
    public double Percentile(double p) =>
        Milliseconds.Count == 0 ? double.NaN : Milliseconds[(int)Math.Clamp(Math.Ceiling(p * Milliseconds.Count) - 1, 0, Milliseconds.Count - 1)];
}
