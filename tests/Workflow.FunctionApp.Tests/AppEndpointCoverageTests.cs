using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Workflow.Host;
using Xunit;

namespace Workflow.FunctionApp.Tests;

/// <summary>
/// Every endpoint the app maps in Production is reached through the area function for its URL, not only through the
/// Unrouted catch-all (which would still serve it, but under the wrong name and beside the host's own routes).
/// </summary>
[Collection(FunctionAppCollection.Name)]
public sealed class AppEndpointCoverageTests(PublishedFunctionApp published)
{
    [Fact]
    public async Task Every_production_endpoint_has_its_area_function()
    {
        await using var app = StandaloneHost.Build(["--environment", "Production", "--Storage:AccountName", "stsample"]);
        var endpoints = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().ToList();
        var routes = new HostRoutes(published.Functions);

        Assert.NotEmpty(endpoints);
        var unreached = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is [var first, ..] ? first : HttpMethods.Get;
            var path = SamplePath(endpoint.RoutePattern);
            var function = routes.Match(method, path)?.Function.Name;
            if (function is null or "Unrouted")
            {
                unreached.Add($"{method} {path} ({endpoint.RoutePattern.RawText}) -> {function ?? "no function"}");
            }
        }

        Assert.True(unreached.Count == 0, "Reached only by Unrouted or not at all:\n" + string.Join('\n', unreached));
    }

    /// <summary>A path the pattern matches: each parameter given a value its constraints accept.</summary>
    private static string SamplePath(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => SampleValue(parameter),
            _ => throw new InvalidOperationException($"Unknown route part in {pattern.RawText}."),
        }))));

    private static string SampleValue(RoutePatternParameterPart parameter)
    {
        var constraints = parameter.ParameterPolicies.Select(p => p.Content).ToList();
        return constraints.Contains("int") ? "2026"
            : constraints.Contains("guid") ? Guid.Empty.ToString()
            : "x1";
    }
}
