using System.Net;
using Workflow.App.Identity;
using Xunit;

namespace Workflow.App.Tests.Identity;

/// <summary>
/// The app as it runs on Azure (Production, behind App Service authentication) answering the county API from the
/// principal header alone. The API is asked for a malformed county code, which it refuses (400) before it touches
/// storage, so storage here is an address where nothing listens: 400 means the caller was let in, 401 or 403 not.
/// </summary>
public sealed class AppServiceSignInTests
{
    private const string CountyApi = "/api/counties/not-a-county/exits";

    private static readonly (string, string)[] ProductionSettings =
    [
        ("environment", "Production"),
        ("Storage:ConnectionString", ManagedIdentityStorageTests.AzuriteOnClosedPorts),
        ("Links:Keys:k1", Convert.ToBase64String(new byte[32])),
        ("Links:CurrentKeyId", "k1"),
    ];

    [Fact]
    public async Task Behind_app_service_authentication_the_entra_app_role_decides_who_reaches_the_county_api()
    {
        await using var app = await RunningApp.StartAsync(null, [.. ProductionSettings, (AppServiceAuthenticationHandler.PlatformSetting, "True")]);

        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(app, AppServicePrincipalTests.EntraUser("王干事", ("roles", "CountyOfficer")))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(app, AppServicePrincipalTests.EntraUser("李主任", ("roles", "CountyAdmin")))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(app, AppServicePrincipalTests.EntraUser("赵分析", ("roles", "Analyst")))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(app, AppServicePrincipalTests.EntraUser("张审核", ("roles", "Admin"), ("groups", "CountyAdmin")))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(app, principal: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(app, principal: null, header: "garbage")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/dev/signin")).StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("False")]
    [InlineData("yes")]
    public async Task Without_app_service_authentication_in_front_the_principal_header_is_ignored(string? platformSetting)
    {
        (string, string)[] settings = platformSetting is null ? ProductionSettings : [.. ProductionSettings, (AppServiceAuthenticationHandler.PlatformSetting, platformSetting)];
        await using var app = await RunningApp.StartAsync(null, settings);

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(app, AppServicePrincipalTests.EntraUser("李主任", ("roles", "CountyAdmin")))).StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(RunningApp app, object? principal, string? header = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, CountyApi);
        if ((principal is null ? header : AppServicePrincipalTests.Header(principal)) is { } value)
        {
            request.Headers.Add(AppServicePrincipal.PrincipalHeader, value);
            request.Headers.Add(AppServicePrincipal.NameHeader, "wang@county.example");
        }

        return await app.Client.SendAsync(request);
    }
}
