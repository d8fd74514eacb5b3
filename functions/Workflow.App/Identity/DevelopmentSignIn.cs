using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Workflow.App.Pages;

namespace Workflow.App.Identity;

/// <summary>
/// 开发登录: pick a demo user and role. Mapped only in the Development environment, so it does not exist anywhere
/// else; a test proves the route is absent in Production.
/// </summary>
internal static class DevelopmentSignIn
{
    public const string Path = "/dev/signin";

    private static readonly (string Name, string Role)[] DemoUsers =
    [
        ("县扶贫办 李主任", CountyRoles.CountyAdmin),
        ("县扶贫办 王干事", CountyRoles.CountyOfficer),
        ("乡镇 张审核", CountyRoles.TownshipApprover),
        ("数据分析 赵分析", CountyRoles.Analyst),
    ];

    public static void MapDevelopmentSignIn(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            return;
        }

        app.MapGet(Path, (string? returnUrl) =>
        {
            var options = new StringBuilder();
            foreach (var (name, role) in DemoUsers)
            {
                options.Append(CultureInfo.InvariantCulture, $"<p><label><input type=\"radio\" name=\"user\" value=\"{PageLayout.Html.Encode(name)}|{role}\" required> {PageLayout.Html.Encode(name)}（{role}）</label></p>");
            }

            return PageLayout.Page("开发登录", $"""
                <p class="note">仅在开发环境提供：选择一个演示用户登录。</p>
                <form method="post">
                <input type="hidden" name="returnUrl" value="{PageLayout.Html.Encode(returnUrl ?? "/")}">
                {options}
                <p><button type="submit">登录</button></p>
                </form>
                """);
        });
        app.MapPost(Path, async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var chosen = DemoUsers.FirstOrDefault(u => $"{u.Name}|{u.Role}" == form["user"]);
            if (chosen.Name is null)
            {
                return Results.BadRequest("未知的演示用户。");
            }

            var identity = new ClaimsIdentity(
                [new Claim(ClaimTypes.Name, chosen.Name), new Claim(ClaimTypes.Role, chosen.Role)], CookieAuthenticationDefaults.AuthenticationScheme);
            await context.SignInAsync(new ClaimsPrincipal(identity));
            var returnUrl = form["returnUrl"].ToString();
            // Only a local path: an absolute URL here would make the page an open redirect.
            return Results.LocalRedirect(returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/");
        }).DisableAntiforgery();
    }
}
