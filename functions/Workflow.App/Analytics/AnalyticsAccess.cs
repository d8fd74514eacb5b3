using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Workflow.App.Identity;

namespace Workflow.App.Analytics;

/// <summary>
/// Who may read the feed: a caller with a configured API key in <see cref="HeaderName"/> (compared in constant time),
/// or a signed-in user with the Analyst role or a county office role (Entra ID through App Service authentication on
/// Azure, which validates bearer tokens before the request reaches the app).
/// </summary>
public sealed class AnalyticsAccess(IOptionsMonitor<AnalyticsOptions> options)
{
    public const string HeaderName = "X-Api-Key";

    private static readonly string[] Roles = [CountyRoles.Analyst, CountyRoles.CountyAdmin, CountyRoles.CountyOfficer];

    public bool Allows(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (httpContext.Request.Headers.TryGetValue(HeaderName, out var presented))
        {
            // A wrong key is refused even when a user is signed in: the caller meant the key.
            return presented.Count == 1 && Matches(presented[0] ?? string.Empty);
        }

        return httpContext.User is ClaimsPrincipal user && Roles.Any(user.IsInRole);
    }

    private bool Matches(string presented)
    {
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var match = false;
        foreach (var key in options.CurrentValue.ApiKeys.Values)
        {
            // Every key is compared, each in constant time over equal-length digests: the answer's timing says nothing.
            match |= key.Length > 0 & CryptographicOperations.FixedTimeEquals(given, SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        }

        return match;
    }
}
