using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using Microsoft.Extensions.DependencyInjection;
using Workflow.App.Durable;
using Workflow.App.Rectification.Orchestration;
using Xunit;
using P = Microsoft.DurableTask.Protobuf;

namespace Workflow.FunctionApp.Tests;

/// <summary>
/// The orchestrators and activities as the host's Durable extension reaches them: trigger functions the worker adds at
/// start, an orchestrator run an invocation with the instance's history (an encoded <c>OrchestratorRequest</c>) that
/// answers with the actions to schedule (an encoded <c>OrchestratorResponse</c>).
/// </summary>
[Collection(RunningWorkerCollection.Name)]
public sealed class WorkerOrchestratorTriggerTests(RunningWorker worker)
{
    [Fact]
    public void The_worker_reports_every_function_of_functions_metadata()
    {
        Assert.All(worker.Published.Functions, f => Assert.True(worker.Host.Functions.ContainsKey(f.Name), $"The worker did not report {f.Name}."));
    }

    [Fact]
    public void Every_registered_orchestrator_and_activity_has_its_trigger_function()
    {
        var registered = worker.Services.GetServices<DurableTaskRegistration>().ToList();

        Assert.NotEmpty(registered);
        foreach (var task in registered)
        {
            Assert.True(worker.Host.Functions.TryGetValue(task.Name, out var function), $"The worker reported no function {task.Name}.");
            Assert.Equal(task.IsOrchestrator ? "orchestrationTrigger" : "activityTrigger", Assert.Single(function.Bindings).Value.Type);
        }
    }

    [Fact]
    public async Task A_new_rectification_checkpoints_its_start_then_opens_the_submit_step()
    {
        var instanceId = $"fa-{Guid.NewGuid():N}";
        var started = DateTime.SpecifyKind(new DateTime(2026, 3, 2, 1, 0, 0), DateTimeKind.Utc);
        var history = new List<P.HistoryEvent>
        {
            new() { EventId = -1, Timestamp = Timestamp.FromDateTime(started), OrchestratorStarted = new P.OrchestratorStartedEvent() },
            new()
            {
                EventId = -1,
                Timestamp = Timestamp.FromDateTime(started),
                ExecutionStarted = new P.ExecutionStartedEvent
                {
                    Name = RectificationOrchestrator.Name,
                    Input = """{"itemId":"item-7"}""",
                    OrchestrationInstance = new P.OrchestrationInstance { InstanceId = instanceId, ExecutionId = Guid.NewGuid().ToString("N") },
                },
            },
        };

        var first = await RunAsync(instanceId, [], history);
        var timer = Assert.Single(first.Actions);
        Assert.Equal(started, timer.CreateTimer.FireAt.ToDateTime());

        var fired = new List<P.HistoryEvent>
        {
            new() { EventId = -1, Timestamp = Timestamp.FromDateTime(started.AddSeconds(1)), OrchestratorStarted = new P.OrchestratorStartedEvent() },
            new() { EventId = -1, Timestamp = Timestamp.FromDateTime(started.AddSeconds(1)), TimerFired = new P.TimerFiredEvent { TimerId = timer.Id, FireAt = timer.CreateTimer.FireAt } },
        };
        var created = new P.HistoryEvent { EventId = timer.Id, Timestamp = Timestamp.FromDateTime(started), TimerCreated = new P.TimerCreatedEvent { FireAt = timer.CreateTimer.FireAt } };
        var second = await RunAsync(instanceId, [.. history, created], fired);

        var openSubmit = Assert.Single(second.Actions).ScheduleTask;
        Assert.Equal(RectificationActivities.OpenSubmit, openSubmit.Name);
        Assert.Contains("item-7", openSubmit.Input, StringComparison.Ordinal);
    }

    private async Task<P.OrchestratorResponse> RunAsync(string instanceId, IEnumerable<P.HistoryEvent> past, IEnumerable<P.HistoryEvent> added)
    {
        var request = new P.OrchestratorRequest { InstanceId = instanceId };
        request.PastEvents.Add(past);
        request.NewEvents.Add(added);
        var response = await worker.Host.InvokeAsync(RectificationOrchestrator.Name, Guid.NewGuid().ToString(),
            new ParameterBinding { Name = "context", Data = new TypedData { String = request.ToByteString().ToBase64() } });

        Assert.True(response.Result.Status == StatusResult.Types.Status.Success, $"{response.Result.Exception?.Message}\n{worker.Host.Diagnostics}");
        return P.OrchestratorResponse.Parser.ParseFrom(ByteString.FromBase64(response.ReturnValue.String));
    }
}
