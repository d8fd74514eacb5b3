using Xunit;
using Xunit.Abstractions;

namespace Workflow.FunctionApp.Tests;

/// <summary>How long a fresh worker takes to be ready and to answer its first request (printed, not asserted).</summary>
[Collection(RunningWorkerCollection.Name)]
public sealed class WorkerStartupTests(RunningWorker worker, ITestOutputHelper output)
{
    [Fact]
    public async Task A_fresh_worker_initialises_and_answers_its_first_request()
    {
        await using var host = await worker.StartWorkerAsync();
        var client = host.CreateClient(worker.Routes, out var forwarding);

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        response.EnsureSuccessStatusCode();
        Assert.Equal("Health", Assert.Single(forwarding.Invocations).Function);
        output.WriteLine($"worker process start -> WorkerInitResponse: {host.UntilInitialized.TotalMilliseconds:0} ms");
        output.WriteLine($"worker process start -> {host.Functions.Count} functions loaded: {host.UntilLoaded.TotalMilliseconds:0} ms");
        output.WriteLine($"worker process start -> first invocation answered: {host.UntilFirstInvocation!.Value.TotalMilliseconds:0} ms");
    }
}
