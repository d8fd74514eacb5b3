using Microsoft.AspNetCore.HttpLogging;
using Workflow.App.Links;

namespace Workflow.App.Hosting;

/// <summary>Puts the request's path into the request log with any capability token masked, in place of the raw path.</summary>
internal sealed class RedactedRequestPath : IHttpLoggingInterceptor
{
    public ValueTask OnRequestAsync(HttpLoggingInterceptorContext logContext)
    {
        ArgumentNullException.ThrowIfNull(logContext);
        if (logContext.TryDisable(HttpLoggingFields.RequestPath))
        {
            var request = logContext.HttpContext.Request;
            logContext.AddParameter(nameof(HttpRequest.Path), CapabilityPath.Redact((request.PathBase + request.Path).Value));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask OnResponseAsync(HttpLoggingInterceptorContext logContext) => ValueTask.CompletedTask;
}
