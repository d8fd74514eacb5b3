using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Workflow.App.Hosting;

namespace Workflow.FunctionApp;

/// <summary>
/// The app's own middleware and endpoints, built once into one request delegate. The worker maps only
/// <c>[HttpTrigger]</c> functions, so each area trigger hands its request to this pipeline, which finds the app's
/// endpoint as the standalone host's Kestrel would: the same routes, filters, authorization and answers in both hosts.
/// </summary>
public sealed class AppPipeline
{
    private readonly RequestDelegate _pipeline;

    public AppPipeline(IServiceProvider services)
    {
        var app = new ApplicationBuilder(services);

        // Requests reach the worker from the host on loopback (the only proxy the defaults trust); the client's address,
        // which rate limits and the audit log record, is in X-Forwarded-For as App Service's front end set it.
        app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto });
        app.UseRouting();
        app.UseWorkflowMiddleware();
        app.UseEndpoints(endpoints => endpoints.MapWorkflow());
        _pipeline = app.Build();
    }

    public Task InvokeAsync(HttpRequest request)
    {
        // The worker has already routed the request to the area trigger; left in place, its endpoint and route values
        // would make the app's routing skip its own match.
        var http = request.HttpContext;
        http.SetEndpoint(null);
        http.Request.RouteValues.Clear();
        return _pipeline(http);
    }
}
