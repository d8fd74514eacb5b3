using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Workflow.App.Links;
using Workflow.Host;
using Xunit;

namespace Workflow.App.Tests.Links;

/// <summary>The one place that knows where a capability token sits in a path, held to the app's routes.</summary>
public sealed class CapabilityPathTests
{
    private const string Token = "dev.eyJMaW5rSWQiOiIxIn0.c2lnbmF0dXJl";

    [Theory]
    [InlineData("/decide/" + Token, "/decide/***")]
    [InlineData("/decide/" + Token + "/evidence", "/decide/***/evidence")]
    [InlineData("/decide/" + Token + "/evidence/0f3a", "/decide/***/evidence/0f3a")]
    [InlineData("/DECIDE/" + Token, "/DECIDE/***")]
    [InlineData("/notices/" + Token, "/notices/***")]
    [InlineData("/objections/" + Token, "/objections/***")]
    [InlineData("/report/" + Token, "/report/***")]
    [InlineData("/rectify/submit/" + Token, "/rectify/submit/***")]
    [InlineData("/rectify/verify/" + Token + "/evidence/0f3a", "/rectify/verify/***/evidence/0f3a")]
    [InlineData("/rectify/" + Token, "/rectify/***")]
    [InlineData("/base/decide/" + Token, "/base/decide/***")]
    [InlineData("/decide/", "/decide/")]
    [InlineData("/exits/532331-1", "/exits/532331-1")]
    [InlineData("/", "/")]
    [InlineData("", "")]
    public void Each_token_segment_is_masked_and_the_rest_of_the_path_kept(string path, string logged) =>
        Assert.Equal(logged, CapabilityPath.Redact(path));

    [Fact]
    public async Task Every_route_with_a_token_parameter_is_masked_and_no_other_route_is_touched()
    {
        await using var app = StandaloneHost.Build(["--environment", "Production", "--Storage:AccountName", "stworkflowsample"]);
        var routes = ((IEndpointRouteBuilder)app).DataSources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().ToList();

        var tokenRoutes = routes.Where(route => route.RoutePattern.Parameters.Any(p => p.Name == "token")).ToList();
        Assert.NotEmpty(tokenRoutes);
        foreach (var route in routes)
        {
            var path = SamplePath(route);
            var logged = CapabilityPath.Redact(path);
            Assert.DoesNotContain(Token, logged, StringComparison.Ordinal);
            if (!tokenRoutes.Contains(route))
            {
                Assert.Equal(path, logged);
            }
        }
    }

    private static string SamplePath(RouteEndpoint route) =>
        "/" + string.Join('/', route.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart { Name: "token" } => Token,
            _ => "sample",
        }))));
}
