using System.Security.Claims;
using Microsoft.DurableTask.Client;
using Workflow.App.Identity;
using Workflow.App.Pages;

namespace Workflow.App.Operations;

/// <summary>
/// 运行维护 (<c>/operations</c>, CountyAdmin only): the orchestrations that failed or never started, with the error, and
/// for each a 重试 (a failed one runs again from where it failed, keeping the decisions it had) and a 终止 (it ends,
/// and its case or item stays as it is). Every action is logged with who took it.
/// </summary>
public static partial class OperationsPages
{
    private static readonly PageLink Back = new("/operations", "返回运行维护");

    public static void MapOperations(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/operations").RequireAuthorization(CountyRoles.CountyAdminPolicy);

        pages.MapGet("/", async (ProblemInstances problems, CancellationToken ct) =>
            PageResults.Page<OperationsPage>(new { Problems = await problems.ListAsync(ct) }));

        pages.MapPost("/{instanceId}/retry", (string instanceId, ClaimsPrincipal user, DurableTaskClient client, ILogger<ProblemInstances> logger, CancellationToken ct) =>
            ActAsync(instanceId, user, client, logger, "重试", OrchestrationRuntimeStatus.Failed,
                () => client.RewindInstanceAsync(instanceId, $"重试：{user.Identity?.Name}", ct), ct));

        pages.MapPost("/{instanceId}/terminate", (string instanceId, ClaimsPrincipal user, DurableTaskClient client, ILogger<ProblemInstances> logger, CancellationToken ct) =>
            ActAsync(instanceId, user, client, logger, "终止", null,
                () => client.TerminateInstanceAsync(instanceId, $"终止：{user.Identity?.Name}", ct), ct));
    }

    private static async Task<IResult> ActAsync(string instanceId, ClaimsPrincipal user, DurableTaskClient client, ILogger logger, string action,
        OrchestrationRuntimeStatus? required, Func<Task> act, CancellationToken ct)
    {
        var instance = await client.GetInstanceAsync(instanceId, ct).ConfigureAwait(false);
        if (instance is null)
        {
            return PageResults.Message("找不到流程", "没有这个流程。", StatusCodes.Status404NotFound, onward: Back);
        }

        if (instance.IsCompleted && (required is null || instance.RuntimeStatus != required))
        {
            return PageResults.Message($"无法{action}", $"该流程已{StatusName(instance.RuntimeStatus)}，不能{action}。", StatusCodes.Status409Conflict, onward: Back);
        }

        if (required is { } status && instance.RuntimeStatus != status)
        {
            return PageResults.Message($"无法{action}", $"只有运行失败的流程可以{action}，该流程{StatusName(instance.RuntimeStatus)}。", StatusCodes.Status409Conflict, onward: Back);
        }

        await act().ConfigureAwait(false);
        LogAction(logger, action, instanceId, user.Identity?.Name ?? "unknown");
        return Results.Redirect("/operations");
    }

    private static string StatusName(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Completed => "办结",
        OrchestrationRuntimeStatus.Failed => "运行失败",
        OrchestrationRuntimeStatus.Terminated => "终止",
        OrchestrationRuntimeStatus.Pending => "未启动",
        OrchestrationRuntimeStatus.Suspended => "暂停",
        _ => "运行中",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "运行维护：{Action} {InstanceId}，操作人 {User}")]
    private static partial void LogAction(ILogger logger, string action, string instanceId, string user);
}
