using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflow.App.Identity;

/// <summary>
/// The signed-in user as App Service authentication (Entra ID) hands it to the app: the <c>X-MS-CLIENT-PRINCIPAL</c>
/// header, base64 JSON <c>{auth_typ, claims: [{typ, val}], name_typ, role_typ}</c>, and <c>X-MS-CLIENT-PRINCIPAL-NAME</c>.
/// Only the four county app roles become roles here; any other role value, and every claim that is not the name or
/// the user's object id, is left out, so nothing in the header can grant more than those roles.
/// </summary>
public static class AppServicePrincipal
{
    public const string Scheme = "AppService";
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";
    public const string NameHeader = "X-MS-CLIENT-PRINCIPAL-NAME";

    /// <summary>The provider App Service authentication names for Entra ID, the only one the deployment configures.</summary>
    private const string EntraProvider = "aad";

    // Entra ID sends app roles as "roles"; App Service may also present them under the role type it names.
    private const string EntraRolesClaim = "roles";
    private const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    private static readonly HashSet<string> CountyRoleNames = new(StringComparer.Ordinal)
    {
        CountyRoles.CountyAdmin, CountyRoles.CountyOfficer, CountyRoles.TownshipApprover, CountyRoles.Analyst,
    };

    /// <summary>The principal the headers describe, or null when they are missing, malformed or from another provider.</summary>
    public static ClaimsPrincipal? Read(string? principalHeader, string? nameHeader)
    {
        var payload = Decode(principalHeader);
        if (payload?.Claims is null || !string.Equals(payload.AuthenticationType, EntraProvider, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var claims = payload.Claims.OfType<PayloadClaim>().ToList();
        var nameType = string.IsNullOrEmpty(payload.NameType) ? ClaimTypes.Name : payload.NameType;
        var name = claims.FirstOrDefault(c => c.Type == nameType)?.Value;
        name = string.IsNullOrWhiteSpace(name) ? nameHeader : name;
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var identity = new ClaimsIdentity(Scheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, name));
        if (claims.FirstOrDefault(c => c.Type == ObjectIdClaim)?.Value is { Length: > 0 } objectId)
        {
            identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, objectId));
        }

        var roles = claims
            .Where(c => c.Type == EntraRolesClaim || (!string.IsNullOrEmpty(payload.RoleType) && c.Type == payload.RoleType))
            .Select(c => c.Value)
            .OfType<string>()
            .Where(CountyRoleNames.Contains)
            .Distinct(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        }

        return new ClaimsPrincipal(identity);
    }

    private static Payload? Decode(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Payload>(Encoding.UTF8.GetString(Convert.FromBase64String(header)));
        }
        catch (Exception e) when (e is FormatException or JsonException or DecoderFallbackException)
        {
            return null;
        }
    }

    private sealed record Payload(
        [property: JsonPropertyName("auth_typ")] string? AuthenticationType,
        [property: JsonPropertyName("claims")] IReadOnlyList<PayloadClaim?>? Claims,
        [property: JsonPropertyName("name_typ")] string? NameType,
        [property: JsonPropertyName("role_typ")] string? RoleType);

    private sealed record PayloadClaim(
        [property: JsonPropertyName("typ")] string? Type,
        [property: JsonPropertyName("val")] string? Value);
}
