using Microsoft.AspNetCore.Authentication.Cookies;

namespace Workflow.Functions.Identity;

/// <summary>
/// Who is signed in on county routes. A cookie carries the principal; locally it is issued by the development
/// sign-in page, which exists only in the Development environment. (On Azure, App Service authentication with
/// Entra ID signs users in; mapping its principal is the deployment's part.) Capability-link pages need none of this.
/// </summary>
public static class SignInServices
{
    public static IServiceCollection AddCountySignIn(this IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "workflow.signin";
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.HttpOnly = true;
                options.LoginPath = DevelopmentSignIn.Path;
                options.Events.OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden);
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(CountyRoles.CountyPolicy, policy => policy.RequireRole(CountyRoles.CountyAdmin, CountyRoles.CountyOfficer));
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
