using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.DependencyInjection;

namespace Workflow.FunctionApp.Tests;

/// <summary>
/// The HTTP functions' routes as the Functions host routes a request: each route template (behind host.json's empty
/// route prefix) matched with its inline constraints, and of the matches the most specific by ASP.NET Core's route
/// precedence (literal segments over parameters over catch-alls), the order the host's route table keeps.
/// </summary>
public sealed class HostRoutes
{
    private static readonly IInlineConstraintResolver Constraints =
        new ServiceCollection().AddRouting().BuildServiceProvider().GetRequiredService<IInlineConstraintResolver>();

    private readonly IReadOnlyList<(PublishedFunction Function, RouteTemplate Template, TemplateMatcher Matcher, decimal Precedence)> _routes;

    public HostRoutes(IEnumerable<PublishedFunction> functions)
    {
        _routes = [.. functions.Where(f => f.IsHttp).Select(f =>
        {
            var template = TemplateParser.Parse(f.Route ?? f.Name);
            return (f, template, new TemplateMatcher(template, new RouteValueDictionary()), RoutePrecedence.ComputeInbound(template));
        })];
    }

    /// <summary>The function the host runs for <paramref name="method"/> on <paramref name="path"/>, and its route values; none when no route matches.</summary>
    public (PublishedFunction Function, RouteValueDictionary Values)? Match(string method, string path)
    {
        (PublishedFunction Function, RouteValueDictionary Values, decimal Precedence)? best = null;
        foreach (var (function, template, matcher, precedence) in _routes)
        {
            var values = new RouteValueDictionary();
            if ((function.Methods.Count == 0 || function.Methods.Contains(method, StringComparer.OrdinalIgnoreCase))
                && matcher.TryMatch(path, values)
                && template.Parameters.All(p => Satisfies(p, values))
                && (best is null || precedence < best.Value.Precedence))
            {
                best = (function, values, precedence);
            }
        }

        return best is { } found ? (found.Function, found.Values) : null;
    }

    /// <summary>As ASP.NET Core's routing: an optional parameter left out is not held to its constraints.</summary>
    private static bool Satisfies(TemplatePart parameter, RouteValueDictionary values) =>
        (parameter.IsOptional && !values.ContainsKey(parameter.Name!))
        || parameter.InlineConstraints.All(c => Constraints.ResolveConstraint(c.Constraint)!.Match(null, null, parameter.Name!, values, RouteDirection.IncomingRequest));
}
