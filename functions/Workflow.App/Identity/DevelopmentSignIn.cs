using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.App.Pages;

namespace Workflow.App.Identity;

/// <summary>
/// 开发登录: pick a demo user and role. Mapped only in the Development environment, so it does not exist anywhere
/// else; a test proves the route is absent in Production. It returns only to a page of this site (<see cref="ReturnPath"/>):
/// any other return address is refused before anyone is signed in.
/// </summary>
internal static class DevelopmentSignIn
{
    public const string Path = "/dev/signin";

    private static readonly DemoUser[] DemoUsers =
    [
        new("县扶贫办 李主任", CountyRoles.CountyAdmin, "县扶贫办负责人"),
        new("县扶贫办 王干事", CountyRoles.CountyOfficer, "县扶贫办经办人"),
        new("乡镇 张审核", CountyRoles.TownshipApprover, "乡镇审核人"),
        new("数据分析 赵分析", CountyRoles.Analyst, "数据分析人员"),
    ];

    private static readonly PageLink Again = new(Path, "重新选择演示用户");

    public static void MapDevelopmentSignIn(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            return;
        }

        app.MapGet(Path, Results<RazorComponentResult<DevelopmentSignInPage>, RazorComponentResult<MessagePage>> (string? returnUrl) =>
        {
            if (ReturnPath.Read(returnUrl) is not { } local)
            {
                return Refused(ReturnPath.Refusal);
            }

            return PageResults.Page<DevelopmentSignInPage>(new { Users = DemoUsers, ReturnUrl = local });
        });

        app.MapPost(Path, async Task<Results<RedirectHttpResult, RazorComponentResult<MessagePage>>> (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            if (ReturnPath.Read(form["returnUrl"].ToString()) is not { } local)
            {
                return Refused(ReturnPath.Refusal);
            }

            var chosen = DemoUsers.FirstOrDefault(u => u.Value == form["user"]);
            if (chosen is null)
            {
                return Refused("未知的演示用户：请在登录页选择一个演示用户。");
            }

            var identity = new ClaimsIdentity(
                [new Claim(ClaimTypes.Name, chosen.Name), new Claim(ClaimTypes.Role, chosen.Role)], CookieAuthenticationDefaults.AuthenticationScheme);
            await context.SignInAsync(new ClaimsPrincipal(identity));
            return TypedResults.LocalRedirect(local);
        }).DisableAntiforgery();
    }

    private static RazorComponentResult<MessagePage> Refused(string message) =>
        PageResults.Message("开发登录", message, StatusCodes.Status400BadRequest, onward: Again);
}
