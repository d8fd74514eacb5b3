using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Workflow.App.Identity;

/// <summary>
/// The authentication scheme for Azure: the user App Service authentication signed in, from its headers
/// (<see cref="AppServicePrincipal"/>). Those headers are only evidence when the platform's authentication sits in
/// front of the app: it removes any copy a client sends and writes its own. Without it anyone could send them, so the
/// scheme reads them only where the platform says it is on (<see cref="IsBehindAppServiceAuthentication"/>); a missing
/// or malformed header leaves the request anonymous.
/// </summary>
public sealed class AppServiceAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IConfiguration configuration)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>
    /// Set by App Service itself (never by the templates) when its authentication is enabled for the app, so it cannot
    /// claim protection the platform is not giving.
    /// </summary>
    public const string PlatformSetting = "WEBSITE_AUTH_ENABLED";

    public static bool IsBehindAppServiceAuthentication(IConfiguration configuration) =>
        bool.TryParse(configuration?[PlatformSetting], out var enabled) && enabled;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!IsBehindAppServiceAuthentication(configuration))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var principal = AppServicePrincipal.Read(Request.Headers[AppServicePrincipal.PrincipalHeader], Request.Headers[AppServicePrincipal.NameHeader]);
        return Task.FromResult(principal is null
            ? AuthenticateResult.NoResult()
            : AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }
}
