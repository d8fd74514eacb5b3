using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Workflow.FunctionApp;

/// <summary>
/// 区域入口: one HTTP function per area of the app's URL space, each handing its requests to <see cref="AppPipeline"/>.
/// Anonymous at the host: county pages ask App Service authentication for a user, links carry their own capability.
/// Every method is accepted so the app answers 405 itself. A function per area, not one root catch-all, so the host's
/// own <c>admin/</c> and <c>runtime/webhooks/</c> routes stay reachable and telemetry names the area.
/// </summary>
public sealed class AreaTriggers(AppPipeline app)
{
    /// <summary>
    /// Any other path, so it gets the app's 404 page rather than the host's empty one: everything but the host's own
    /// <c>admin</c> and <c>runtime</c> segments (an area's literal prefix wins over this catch-all).
    /// </summary>
    public const string UnroutedRoute = "{*path:regex(^(?!(admin|runtime)(/|$)).+$)}";

    [Function("Start")]
    public Task Start([HttpTrigger(AuthorizationLevel.Anonymous, Route = "{root:maxlength(0)?}")] HttpRequest request) => app.InvokeAsync(request);

    [Function("Assets")]
    public Task Assets([HttpTrigger(AuthorizationLevel.Anonymous, Route = "assets/{*path}")] HttpRequest request) => app.InvokeAsync(request);

    [Function("Api")]
    public Task Api([HttpTrigger(AuthorizationLevel.Anonymous, Route = "api/{*path}")] HttpRequest request) => app.InvokeAsync(request);

    [Function("Health")]
    public Task Health([HttpTrigger(AuthorizationLevel.Anonymous, Route = "health/{*path}")] HttpRequest request) => app.InvokeAsync(request);

    [Function("Console")]
    public Task Console([HttpTrigger(AuthorizationLevel.Anonymous, Route = "console/{*path}")] HttpRequest request) => app.InvokeAsync(request);

    [Function("Register")]
    public Task Register([HttpTrigger(AuthorizationLevel.Anonymous, Route = "register/{*path}")] HttpRequest request) => app.InvokeAsync(request);

    [Function("ExitPages")]
    public Task ExitPages([HttpTrigger(AuthorizationLevel.Anonymous, Route = "exits/{*path}")] HttpRequest request) => app.InvokeAsync(request);

    [Function("Decide")]
    public Task Decide([HttpTrigger(AuthorizationLevel.Anonymous, Route = "decide/{*path}")] HttpRequest request) => app.InvokeAsync(request);

    [Function("Notices")]
    public Task Notices([HttpTrigger(AuthorizationLevel.Anonymous, Route = "notices/{*path}")] HttpRequest request) => app.InvokeAsync(request);

    [Function("Objections")]
    public Task Objections([HttpTrigger(AuthorizationLevel.Anonymous, Route = "objections/{*path}")] HttpRequest request) => app.InvokeAsync(request);

    [Function("Rectifications")]
    public Task Rectifications([HttpTrigger(AuthorizationLevel.Anonymous, Route = "rectifications/{*path}")] HttpRequest request) => app.InvokeAsync(request);

    [Function("Rectify")]
    public Task Rectify([HttpTrigger(AuthorizationLevel.Anonymous, Route = "rectify/{*path}")] HttpRequest request) => app.InvokeAsync(request);

    [Function("Report")]
    public Task Report([HttpTrigger(AuthorizationLevel.Anonymous, Route = "report/{*path}")] HttpRequest request) => app.InvokeAsync(request);

    [Function("Monitor")]
    public Task Monitor([HttpTrigger(AuthorizationLevel.Anonymous, Route = "monitor/{*path}")] HttpRequest request) => app.InvokeAsync(request);

    [Function("Funds")]
    public Task Funds([HttpTrigger(AuthorizationLevel.Anonymous, Route = "funds/{*path}")] HttpRequest request) => app.InvokeAsync(request);

    [Function("Pay")]
    public Task Pay([HttpTrigger(AuthorizationLevel.Anonymous, Route = "pay/{*path}")] HttpRequest request) => app.InvokeAsync(request);

    [Function("LoanCheck")]
    public Task LoanCheck([HttpTrigger(AuthorizationLevel.Anonymous, Route = "loan-check/{*path}")] HttpRequest request) => app.InvokeAsync(request);

    [Function("LoanNotice")]
    public Task LoanNotice([HttpTrigger(AuthorizationLevel.Anonymous, Route = "loan-notice/{*path}")] HttpRequest request) => app.InvokeAsync(request);

    [Function("Project")]
    public Task Project([HttpTrigger(AuthorizationLevel.Anonymous, Route = "project/{*path}")] HttpRequest request) => app.InvokeAsync(request);

    [Function("ProjectNotice")]
    public Task ProjectNotice([HttpTrigger(AuthorizationLevel.Anonymous, Route = "project-notice/{*path}")] HttpRequest request) => app.InvokeAsync(request);

    [Function("ProjectObjection")]
    public Task ProjectObjection([HttpTrigger(AuthorizationLevel.Anonymous, Route = "project-objection/{*path}")] HttpRequest request) => app.InvokeAsync(request);

    [Function("Operations")]
    public Task Operations([HttpTrigger(AuthorizationLevel.Anonymous, Route = "operations/{*path}")] HttpRequest request) => app.InvokeAsync(request);

    [Function("OData")]
    public Task OData([HttpTrigger(AuthorizationLevel.Anonymous, Route = "odata/{*path}")] HttpRequest request) => app.InvokeAsync(request);

    [Function("OpenApi")]
    public Task OpenApi([HttpTrigger(AuthorizationLevel.Anonymous, Route = "openapi/{*path}")] HttpRequest request) => app.InvokeAsync(request);

    [Function("Notifications")]
    public Task Notifications([HttpTrigger(AuthorizationLevel.Anonymous, Route = "notifications/{*path}")] HttpRequest request) => app.InvokeAsync(request);

    [Function("Unrouted")]
    public Task Unrouted([HttpTrigger(AuthorizationLevel.Anonymous, Route = UnroutedRoute)] HttpRequest request) => app.InvokeAsync(request);
}
