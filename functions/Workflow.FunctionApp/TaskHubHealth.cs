using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Workflow.FunctionApp;

/// <summary>
/// 任务中心自检: whether the Functions host's Durable extension answers, from its own client. It is also why the host
/// loads that extension at all: the Worker SDK lists a WebJobs extension in extensions.json only for a binding some
/// function uses, and the orchestrators and activities are registered in code (<c>AddTasks</c>) and bind nothing.
/// The app itself keeps its own client on the same task hub (Workflow.App's <c>TaskHubClient</c>), the one the tests run.
/// </summary>
public sealed partial class TaskHubHealth(ILogger<TaskHubHealth> logger)
{
    [Function(nameof(TaskHubHealth))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/taskhub")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        try
        {
            await foreach (var _ in client.GetAllInstancesAsync(new OrchestrationQuery { PageSize = 1 }).AsPages().Take(1).ConfigureAwait(false))
            {
            }

            return new JsonResult(new { status = "ok", taskHub = client.Name }, JsonSerializerOptions.Web);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogUnreachable(logger, e);
            return new JsonResult(new { status = "unreachable", taskHub = client.Name }, JsonSerializerOptions.Web) { StatusCode = StatusCodes.Status503ServiceUnavailable };
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Durable extension's task hub did not answer")]
    private static partial void LogUnreachable(ILogger logger, Exception exception);
}
