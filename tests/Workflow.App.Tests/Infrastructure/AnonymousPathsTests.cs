using Microsoft.AspNetCore.Routing;
using Workflow.Host;
using Xunit;

namespace Workflow.App.Tests.Infrastructure;

/// <summary>
/// The paths App Service authentication lets through without sign-in (authsettingsV2 excludedPaths in
/// infra/modules/functionapp.bicep), against the app's routes: exactly the routes that carry a capability token and
/// the health probes. A token route left out would send an approver's phone to the Entra ID sign-in; any other route
/// let through would be open to the internet wherever the app itself does not ask for a role (the register, the inbox).
/// </summary>
public sealed class AnonymousPathsTests
{
    private static readonly IReadOnlyList<string> Exempt = InfraTemplates.StringArray("modules/functionapp.bicep", "anonymousPaths");

    [Fact]
    public async Task Only_capability_link_routes_and_health_are_exempt_from_sign_in()
    {
        await using var app = StandaloneHost.Build(["--environment", "Production", "--Storage:AccountName", "stworkflowsample"]);
        var routes = ((IEndpointRouteBuilder)app).DataSources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().ToList();

        Assert.NotEmpty(routes);
        foreach (var route in routes)
        {
            var pattern = "/" + route.RoutePattern.RawText!.TrimStart('/');
            var carriesToken = route.RoutePattern.Parameters.Any(p => p.Name == "token");
            var probe = pattern == "/health" || pattern.StartsWith("/health/", StringComparison.Ordinal);
            Assert.True(IsExempt(SamplePath(route)) == (carriesToken || probe),
                $"{pattern} is {(IsExempt(SamplePath(route)) ? "" : "not ")}exempt from sign-in, but {(carriesToken || probe ? "is" : "is not")} a capability link or health route.");
        }

        // Each exemption is for a route the app has, or for the Functions runtime's own webhooks.
        foreach (var exempt in Exempt.Where(e => !e.StartsWith("/runtime/", StringComparison.Ordinal)))
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
