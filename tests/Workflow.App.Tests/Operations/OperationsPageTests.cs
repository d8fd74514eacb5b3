using System.Net;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Workflow.App.Durable;
using Xunit;

namespace Workflow.App.Tests.Operations;

/// <summary>
/// 运行维护: a failed orchestration is listed with its error for the county's head, who retries it from where it failed
/// (what it had done is kept) or ends it; an officer may not.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class OperationsPageTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_failed_instance_is_listed_with_its_error_and_a_retry_finishes_it_from_where_it_failed()
    {
        var gate = new FlakyGate();
        await using var app = await RunningApp.StartAsync(
            builder =>
            {
                builder.Services.AddSingleton(gate);
                builder.Services.AddTaskOrchestrator<TwoSteps>(TwoSteps.Name);
                builder.Services.AddTaskActivity<CountStep>(CountStep.Name);
                builder.Services.AddTaskActivity<FlakyStep>(FlakyStep.Name);
            },
            ("Storage:ConnectionString", azurite.ConnectionString), ("Durable:TaskHub", $"ops{Guid.NewGuid():N}"[..16]));
        var client = app.Services.GetRequiredService<DurableTaskClient>();
        var id = await client.ScheduleNewOrchestrationInstanceAsync(TwoSteps.Name, "整改<script>");
        var failed = await WaitAsync(client, id, OrchestrationRuntimeStatus.Failed);
        Assert.Contains("接口暂不可用", failed.FailureDetails!.ErrorMessage, StringComparison.Ordinal);

        using var officer = await RunningApp.SignedInClientAsync(app.Client.BaseAddress!);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync(new Uri("/operations", UriKind.Relative))).StatusCode);

        using var admin = await RunningApp.SignedInClientAsync(app.Client.BaseAddress!, "县扶贫办 李主任|CountyAdmin");
        var page = await admin.GetStringAsync(new Uri("/operations", UriKind.Relative));
        Assert.Contains(id, page, StringComparison.Ordinal);
        Assert.Contains("运行失败", page, StringComparison.Ordinal);
        Assert.Contains("接口暂不可用", page, StringComparison.Ordinal);

        gate.Open = true;
        var retry = await admin.PostAsync(new Uri($"/operations/{id}/retry", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        var done = await WaitAsync(client, id, OrchestrationRuntimeStatus.Completed);
        Assert.Equal("整改<script>:1:ok", done.ReadOutputAs<string>());
        // The first step ran once: the retry went on from the failed step, not from the start.
        Assert.Equal(1, gate.Counted);
        Assert.DoesNotContain(id, await admin.GetStringAsync(new Uri("/operations", UriKind.Relative)), StringComparison.Ordinal);

        // A finished instance can be neither retried nor ended.
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync(new Uri($"/operations/{id}/terminate", UriKind.Relative), null)).StatusCode);
    }

    private static async Task<OrchestrationMetadata> WaitAsync(DurableTaskClient client, string id, OrchestrationRuntimeStatus status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true);
            if (instance?.RuntimeStatus == status)
            {
                return instance;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{id} did not become {status}: it is {instance?.RuntimeStatus} {instance?.FailureDetails?.ErrorMessage}");
            await Task.Delay(200);
        }
    }

    internal sealed class FlakyGate
    {
        public volatile bool Open;
        public int Counted;
    }

    internal sealed class TwoSteps : TaskOrchestrator<string, string>
    {
        public const string Name = "OperationsTwoSteps";

        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
        {
            var counted = await context.CallActivityAsync<int>(CountStep.Name, input);
            return await context.CallActivityAsync<string>(FlakyStep.Name, $"{input}:{counted}");
        }
    }

    internal sealed class CountStep(FlakyGate gate) : TaskActivity<string, int>
    {
        public const string Name = "OperationsCount";

        public override Task<int> RunAsync(TaskActivityContext context, string input) => Task.FromResult(Interlocked.Increment(ref gate.Counted));
    }

    internal sealed class FlakyStep(FlakyGate gate) : TaskActivity<string, string>
    {
        public const string Name = "OperationsFlaky";

        public override Task<string> RunAsync(TaskActivityContext context, string input) =>
            gate.Open ? Task.FromResult($"{input}:ok") : throw new HttpRequestException("接口暂不可用（测试）");
    }
}
