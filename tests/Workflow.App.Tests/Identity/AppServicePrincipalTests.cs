using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Workflow.App.Identity;
using Xunit;

namespace Workflow.App.Tests.Identity;

public sealed class AppServicePrincipalTests
{
    private const string RoleType = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";
    private const string NameType = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name";

    /// <summary>The header as App Service authentication writes it for an Entra ID user: base64 of its JSON.</summary>
    internal static string Header(object principal) => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(principal));

    internal static object EntraUser(string name, params (string Type, string Value)[] claims) => new
    {
        auth_typ = "aad",
        claims = new[] { new { typ = NameType, val = name }, new { typ = "http://schemas.microsoft.com/identity/claims/objectidentifier", val = "5f0c9d2e-oid" } }
            .Concat(claims.Select(c => new { typ = c.Type, val = c.Value })),
        name_typ = NameType,
        role_typ = RoleType,
    };

    [Fact]
    public void Entra_app_roles_become_the_county_roles_with_the_users_name()
    {
        var principal = AppServicePrincipal.Read(Header(EntraUser("王干事@county.example", ("roles", "CountyOfficer"), ("roles", "TownshipApprover"))), null);

        Assert.NotNull(principal);
        Assert.True(principal.Identity!.IsAuthenticated);
        Assert.Equal("王干事@county.example", principal.Identity.Name);
        Assert.Equal("5f0c9d2e-oid", principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Equal(["CountyOfficer", "TownshipApprover"], principal.FindAll(ClaimTypes.Role).Select(c => c.Value).Order());
        Assert.True(principal.IsInRole(CountyRoles.CountyOfficer));
    }

    [Fact]
    public void A_role_under_the_role_type_the_header_names_counts_too()
    {
        var principal = AppServicePrincipal.Read(Header(EntraUser("李主任", (RoleType, "CountyAdmin"), ("roles", "Analyst"))), null);

        Assert.Equal(["Analyst", "CountyAdmin"], principal!.FindAll(ClaimTypes.Role).Select(c => c.Value).Order());
    }

    [Fact]
    public void The_name_header_names_a_user_whose_claims_carry_no_name()
    {
        var header = Header(new { auth_typ = "aad", claims = new[] { new { typ = "roles", val = "Analyst" } } });

        Assert.Equal("赵分析@county.example", AppServicePrincipal.Read(header, "赵分析@county.example")!.Identity!.Name);
        Assert.Null(AppServicePrincipal.Read(header, null));
    }

    [Theory]
    [InlineData("Admin")]
    [InlineData("countyadmin")]
    [InlineData("CountyAdmin ")]
    [InlineData("CountyAdmin,CountyOfficer")]
    [InlineData("County")]
    public void A_role_value_that_is_not_exactly_a_county_role_grants_nothing(string value)
    {
        var principal = AppServicePrincipal.Read(Header(EntraUser("张审核", ("roles", value))), null);

        Assert.Empty(principal!.FindAll(ClaimTypes.Role));
    }

    [Theory]
    [InlineData("groups")]
    [InlineData("wids")]
    [InlineData("scp")]
    [InlineData("http://schemas.microsoft.com/identity/claims/scope")]
    public void A_county_role_name_in_another_claim_grants_nothing(string claimType)
    {
        var principal = AppServicePrincipal.Read(Header(EntraUser("张审核", (claimType, "CountyAdmin"))), null);

        Assert.Empty(principal!.FindAll(ClaimTypes.Role));
        Assert.DoesNotContain(principal.Claims, c => c.Type == claimType);
    }

    [Fact]
    public void Role_type_set_to_another_claim_does_not_turn_that_claim_into_roles()
    {
        var header = Header(new
        {
            auth_typ = "aad",
            claims = new[] { new { typ = NameType, val = "张审核" }, new { typ = "groups", val = "Admin" }, new { typ = "groups", val = "CountyAdmin" } },
            name_typ = NameType,
            role_typ = "groups",
        });

        // The header's own role type is honoured (it is the platform's), but still only the four county roles pass.
        Assert.Equal(["CountyAdmin"], AppServicePrincipal.Read(header, null)!.FindAll(ClaimTypes.Role).Select(c => c.Value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not base64 at all!")]
    [InlineData("eyJhdXRoX3R5cCI6")]
    public void Missing_or_malformed_header_is_no_principal(string? header) =>
        Assert.Null(AppServicePrincipal.Read(header, "王干事"));

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{\"auth_typ\":\"aad\"}")]
    [InlineData("{\"auth_typ\":\"aad\",\"claims\":null}")]
    [InlineData("{\"auth_typ\":\"aad\",\"claims\":[{\"typ\":\"roles\",\"val\":7}]}")]
    [InlineData("{\"auth_typ\":\"aad\",\"claims\":\"CountyAdmin\"}")]
    [InlineData("{\"auth_typ\":\"google\",\"claims\":[{\"typ\":\"name\",\"val\":\"x\"},{\"typ\":\"roles\",\"val\":\"CountyAdmin\"}],\"name_typ\":\"name\"}")]
    [InlineData("{\"claims\":[{\"typ\":\"name\",\"val\":\"x\"},{\"typ\":\"roles\",\"val\":\"CountyAdmin\"}],\"name_typ\":\"name\"}")]
    public void Json_that_is_not_an_entra_principal_is_no_principal(string json) =>
        Assert.Null(AppServicePrincipal.Read(Convert.ToBase64String(Encoding.UTF8.GetBytes(json)), "王干事"));

    [Fact]
    public void Null_claims_in_the_list_are_skipped()
    {
        var json = $"{{\"auth_typ\":\"aad\",\"claims\":[null,{{\"typ\":\"{NameType}\",\"val\":\"王干事\"}},{{\"typ\":\"roles\",\"val\":\"CountyOfficer\"}}],\"name_typ\":\"{NameType}\"}}";

        Assert.True(AppServicePrincipal.Read(Convert.ToBase64String(Encoding.UTF8.GetBytes(json)), null)!.IsInRole(CountyRoles.CountyOfficer));
    }
}
