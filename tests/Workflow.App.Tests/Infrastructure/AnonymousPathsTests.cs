using Microsoft.AspNetCore.Routing;
using Workflow.Host;
using Xunit;

namespace Workflow.App.Tests.Infrastructure;

/// <summary>
/// The paths App Service authentication lets through without sign-in (authsettingsV2 excludedPaths in
/// infra/modules/functionapp.bicep), against the app's routes: exactly the routes that carry a capability token, the
/// health probes, and the notification webhook, which Event Grid calls without a user and which checks its own
/// delivery key (<see cref="Workflow.App.Notifications.NotificationWebhook"/>). A token route left out would send an
/// approver's phone to the Entra ID sign-in, and the webhook left out would turn every Event Grid delivery into a
/// redirect; any other route let through would be open to the internet wherever the app itself does not ask for a role
/// (the register, the inbox).
/// </summary>
public sealed class AnonymousPathsTests
{
    private static readonly IReadOnlyList<string> Exempt = InfraTemplates.StringArray("modules/functionapp.bicep", "anonymousPaths");

    [Fact]
    public async Task Only_capability_link_routes_health_and_the_notification_webhook_are_exempt_from_sign_in()
    {
        await using var app = StandaloneHost.Build(["--environment", "Production", "--Storage:AccountName", "stworkflowsample"]);
        var routes = ((IEndpointRouteBuilder)app).DataSources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().ToList();

        Assert.NotEmpty(routes);
        foreach (var route in routes)
        {
            var pattern = "/" + route.RoutePattern.RawText!.TrimStart('/');
            var carriesToken = route.RoutePattern.Parameters.Any(p => p.Name == "token");
            var probe = pattern == "/health" || pattern.StartsWith("/health/", StringComparison.Ordinal);
            var webhook = pattern == Workflow.App.Notifications.NotificationWebhook.Path;
            var anonymous = carriesToken || probe || webhook;
            Assert.True(IsExempt(SamplePath(route)) == anonymous,
                $"{pattern} is {(IsExempt(SamplePath(route)) ? "" : "not ")}exempt from sign-in, but {(anonymous ? "is" : "is not")} a capability link, health route or the notification webhook.");
        }

        // The webhook's exemption is that one path, not its area: anything added under /notifications/ stays behind sign-in.
        Assert.False(IsExempt(Workflow.App.Notifications.NotificationWebhook.Path + "/more"));
        Assert.False(IsExempt("/notifications/other"));

        // Each exemption is for a route the app has; the Functions runtime's own webhooks (/runtime/webhooks/*) are not exempt.
        Assert.DoesNotContain(Exempt, exempt => exempt.StartsWith("/runtime/", StringComparison.Ordinal));
        foreach (var exempt in Exempt)
        {
            Assert.Contains(routes, route => Matches(exempt, SamplePath(route)));
        }
    }

    private static bool IsExempt(string path) => Exempt.Any(exempt => Matches(exempt, path));

    // "/a/*" covers everything under /a/; any other entry is one path.
    private static bool Matches(string exempt, string path) =>
        exempt.EndsWith("/*", StringComparison.Ordinal) ? path.StartsWith(exempt[..^1], StringComparison.Ordinal) : path == exempt;

    private static string SamplePath(RouteEndpoint route) =>
        "/" + string.Join('/', route.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
            _ => "sample",
        }))));
}
