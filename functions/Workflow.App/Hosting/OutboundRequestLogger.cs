using Microsoft.Extensions.Http.Logging;

namespace Workflow.App.Hosting;

/// <summary>
/// 外发请求日志: what the app's HttpClients log in place of the default handlers, which write the full URL. A robot
/// webhook's URL carries the robot's key (WeCom <c>?key=</c>, DingTalk <c>?access_token=</c>, Feishu in the path), so only
/// the method, the host, the status and the time are written. Microsoft.Extensions.Http.Diagnostics'
/// AddExtendedHttpClientLogging could replace this, at the price of its redaction and classification setup.
/// </summary>
internal sealed partial class OutboundRequestLogger(ILogger<OutboundRequestLogger> logger) : IHttpClientLogger
{
    public object? LogRequestStart(HttpRequestMessage request) => null;

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed) =>
        LogSent(logger, request.Method, Host(request), (int)response.StatusCode, elapsed.TotalMilliseconds);

    // The exception goes to the caller, which logs it; its type says enough here.
    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed) =>
        LogFailed(logger, request.Method, Host(request), exception.GetType().Name, elapsed.TotalMilliseconds);

    private static string Host(HttpRequestMessage request) => request.RequestUri is { IsAbsoluteUri: true } uri ? $"{uri.Scheme}://{uri.Authority}" : "?";

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Method} to {Host}: {StatusCode} in {ElapsedMilliseconds} ms")]
    private static partial void LogSent(ILogger logger, HttpMethod method, string host, int statusCode, double elapsedMilliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending {Method} to {Host} failed ({Error}) after {ElapsedMilliseconds} ms")]
    private static partial void LogFailed(ILogger logger, HttpMethod method, string host, string error, double elapsedMilliseconds);
}
