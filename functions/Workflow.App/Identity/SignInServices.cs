using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Workflow.App.Identity;

/// <summary>
/// Who is signed in on county routes. On Azure, App Service authentication with Entra ID signs users in and the app
/// reads its principal (<see cref="AppServiceAuthenticationHandler"/>); everywhere else a cookie carries the principal,
/// issued by the development sign-in page, which exists only in the Development environment. Capability-link pages
/// need none of this.
/// </summary>
public static class SignInServices
{
    public static IServiceCollection AddCountySignIn(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddCookie(options =>
            {
                options.Cookie.Name = "workflow.signin";
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.HttpOnly = true;
                options.LoginPath = DevelopmentSignIn.Path;
                options.Events.OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden);
            })
            .AddScheme<AuthenticationSchemeOptions, AppServiceAuthenticationHandler>(AppServicePrincipal.Scheme, null);

        // Chosen from configuration, not at registration: the platform's setting decides which scheme is the app's.
        services.AddOptions<AuthenticationOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            options.DefaultScheme = AppServiceAuthenticationHandler.IsBehindAppServiceAuthentication(configuration)
                ? AppServicePrincipal.Scheme
                : CookieAuthenticationDefaults.AuthenticationScheme;
            options.DefaultSignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(CountyRoles.CountyPolicy, policy => policy.RequireRole(CountyRoles.CountyAdmin, CountyRoles.CountyOfficer))
            .AddPolicy(CountyRoles.CountyAdminPolicy, policy => policy.RequireRole(CountyRoles.CountyAdmin));
        return services;
    }

    // APIs answer 401/403; pages go to the sign-in page where there is one.
    private static Task Refuse(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        var environment = context.HttpContext.RequestServices.GetRequiredService<IHostEnvironment>();
        if (status == StatusCodes.Status401Unauthorized && environment.IsDevelopment() && !context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.Redirect(context.RedirectUri);
        }
        else
        {
            context.Response.StatusCode = status;
        }

        return Task.CompletedTask;
    }
}
