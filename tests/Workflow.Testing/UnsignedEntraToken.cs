using System.Text;
using System.Text.Json;
using Azure.Core;

namespace Workflow.Testing;

/// <summary>
/// A token shaped like Entra ID's for Azure Storage, for an Azurite started with <c>--oauth basic</c>, which checks
/// lifetime, issuer and audience but not the signature. Its principal (oid, tid) is fixed per instance.
/// </summary>
public sealed class UnsignedEntraToken(TimeSpan lifetime) : TokenCredential
{
    private const string StorageScope = "https://storage.azure.com/.default";

    private int _requests;

    public UnsignedEntraToken()
        : this(TimeSpan.FromHours(1))
    {
    }

    public Guid ObjectId { get; } = Guid.NewGuid();

    public Guid TenantId { get; } = Guid.Parse("ab1f708d-50f6-404c-a006-d71b2ac7a606");

    public int Requests => _requests;

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        if (!requestContext.Scopes.Contains(StorageScope))
        {
            throw new InvalidOperationException($"A storage client asked for a token for {string.Join(' ', requestContext.Scopes)}, not {StorageScope}.");
        }

        var expires = DateTimeOffset.UtcNow + lifetime;
        var claims = new
        {
            aud = "https://storage.azure.com",
            iss = $"https://sts.windows.net/{TenantId}/",
            iat = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds(),
            nbf = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds(),
            exp = expires.ToUnixTimeSeconds(),
            oid = ObjectId,
            tid = TenantId,
        };
        var token = $"{Base64Url(new { alg = "none", typ = "JWT" })}.{Base64Url(claims)}.";
        // An expired token is still handed out (with a lifetime the pipeline accepts), so the service is what refuses it.
        return new AccessToken(token, expires > DateTimeOffset.UtcNow ? expires : DateTimeOffset.UtcNow.AddMinutes(10));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));

    private static string Base64Url(object value) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
