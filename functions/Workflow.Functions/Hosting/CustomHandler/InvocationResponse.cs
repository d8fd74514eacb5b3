using System.Text.Json.Serialization;

namespace Workflow.Functions.Hosting.CustomHandler;

/// <summary>
/// 调用响应: what the handler answers the host. <c>Outputs</c> is keyed by output binding (these functions have none),
/// <c>Logs</c> go to the invocation's log (Application Insights on Azure), <c>ReturnValue</c> feeds a <c>$return</c>
/// binding (none either). The host takes a non-success status as a failed invocation and retries as the trigger does.
/// </summary>
public sealed record InvocationResponse(
    [property: JsonPropertyName("Outputs")] IReadOnlyDictionary<string, object?> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] object? ReturnValue)
{
    public static InvocationResponse WithLogs(params string[] logs) => new(new Dictionary<string, object?>(), logs, null);
}
