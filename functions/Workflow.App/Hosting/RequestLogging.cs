using Microsoft.AspNetCore.HttpLogging;

namespace Workflow.App.Hosting;

/// <summary>
/// 请求日志: one line per request with the method, the path with any capability token masked
/// (<see cref="Links.CapabilityPath"/>), the status and the time taken, written by ASP.NET Core's HTTP logging in place
/// of the hosting layer's own request lines, which carry the full URL. Nothing else of a request is logged: not the
/// query, and not the headers, whose Referer names the page (and so the token) a request came from.
/// </summary>
public static class RequestLogging
{
    /// <summary>
    /// Framework categories that write a request's raw path, and so any token in it, at some level. Each is off for
    /// every logger provider whatever the configuration says (<see cref="SilenceRawPathCategories"/>).
    /// </summary>
    public static readonly IReadOnlyList<string> RawPathCategories =
    [
        // "Request starting HTTP/1.1 GET http://…/decide/{token}" and "Request finished …", and the RequestPath log scope
        // it opens when enabled at any level, which a provider that writes scopes (Application Insights, the console
        // with scopes on) adds to every line of the request.
        "Microsoft.AspNetCore.Hosting.Diagnostics",
        // Debug: "1 candidate(s) found for the request path '/decide/{token}'".
        "Microsoft.AspNetCore.Routing.Matching.DfaMatcher",
        // "Executing RedirectResult, redirecting to /decide/{token}": a link's page sends the holder back to itself.
        "Microsoft.AspNetCore.Http.Result.RedirectResult",
        "Microsoft.AspNetCore.Http.Result.LocalRedirectResult",
        "Microsoft.AspNetCore.Http.Result.RedirectToRouteResult",
    ];

    public static IServiceCollection AddRequestLogging(this IServiceCollection services)
    {
        services.AddHttpLogging(options =>
        {
            options.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath
                                    | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            options.CombineLogs = true;
        });
        services.AddHttpLoggingInterceptor<RedactedRequestPath>();
        // After every configuration source and every AddFilter, so no setting turns these categories back on.
        services.PostConfigure<LoggerFilterOptions>(SilenceRawPathCategories);
        // Every HttpClient the app makes (the robot webhook): its URL is itself a secret (the robot's key).
        services.AddSingleton<OutboundRequestLogger>();
        services.ConfigureHttpClientDefaults(http => http.RemoveAllLoggers().AddLogger<OutboundRequestLogger>());
        return services;
    }

    /// <summary>The request log; first, so it times and records every request, including those the rest refuses.</summary>
    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app) => app.UseHttpLogging();

    // A rule for one provider beats any rule for all providers, so each provider named in the rules gets its own.
    private static void SilenceRawPathCategories(LoggerFilterOptions options)
    {
        var providers = options.Rules.Select(rule => rule.ProviderName).Append(null).Distinct(StringComparer.Ordinal).ToList();
        foreach (var category in RawPathCategories)
        {
            foreach (var provider in providers)
            {
                options.Rules.Add(new LoggerFilterRule(provider, category, LogLevel.None, filter: null));
            }
        }
    }
}
