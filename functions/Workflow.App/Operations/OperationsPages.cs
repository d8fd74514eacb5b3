using System.Globalization;
using System.Security.Claims;
using System.Text;
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
    public static void MapOperations(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/operations").RequireAuthorization(CountyRoles.CountyAdminPolicy);

        pages.MapGet("/", async (ProblemInstances problems, CancellationToken ct) =>
        {
            var rows = new StringBuilder();
            foreach (var p in await problems.ListAsync(ct))
            {
                var id = PageLayout.Html.Encode(p.InstanceId);
                var retry = p.Status == OrchestrationRuntimeStatus.Failed
                    ? $"""<form method="post" action="/operations/{PageLayout.Html.Encode(Uri.EscapeDataString(p.InstanceId))}/retry"><button>重试</button></form>"""
                    : string.Empty;
                rows.Append(CultureInfo.InvariantCulture, $"""
                    <tr><td>{id}</td><td>{PageLayout.Html.Encode(KindOf(p.Name))}</td><td>{PageLayout.Html.Encode(p.Problem)}</td><td>{PageLayout.Time(p.LastUpdatedAt)}</td><td>{PageLayout.Html.Encode(p.Error ?? "")}</td>
                    <td>{retry}<form method="post" action="/operations/{PageLayout.Html.Encode(Uri.EscapeDataString(p.InstanceId))}/terminate"><button>终止</button></form></td></tr>
                    """);
            }

            var body = rows.Length == 0
                ? "<p>没有运行失败或长时间未启动的流程。</p>"
                : $"""
                  <p>以下流程需要处理。“重试”让运行失败的流程从失败处继续（已收到的审批不丢失）；“终止”结束流程，案件停在当前状态。</p>
                  <div class="scroll"><table><tr><th>流程编号</th><th>类别</th><th>问题</th><th>最后更新</th><th>错误</th><th>操作</th></tr>{rows}</table></div>
                  """;
            return PageLayout.Page("运行维护", body);
        });

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
            return PageLayout.Page("找不到流程", "<p class=\"bad\">没有这个流程。</p>", StatusCodes.Status404NotFound);
        }

        if (instance.IsCompleted && (required is null || instance.RuntimeStatus != required))
        {
            return PageLayout.Page($"无法{action}", $"<p class=\"bad\">该流程已{PageLayout.Html.Encode(StatusName(instance.RuntimeStatus))}，不能{action}。</p>", StatusCodes.Status409Conflict);
        }

        if (required is { } status && instance.RuntimeStatus != status)
        {
            return PageLayout.Page($"无法{action}", $"<p class=\"bad\">只有运行失败的流程可以{action}，该流程{PageLayout.Html.Encode(StatusName(instance.RuntimeStatus))}。</p>", StatusCodes.Status409Conflict);
        }

        await act().ConfigureAwait(false);
        LogAction(logger, action, instanceId, user.Identity?.Name ?? "unknown");
        return Results.Redirect("/operations");
    }

    private static string KindOf(string name) => name switch
    {
        "HouseholdExit" => "脱贫退出",
        "Rectification" => "整改事项",
        "Campaign" => "年度攻坚",
        _ => name,
    };

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
