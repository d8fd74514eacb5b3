using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Workflow.App.Links;

/// <summary>
/// Issues and checks capability tokens: <c>{key id}.{payload}.{HMAC-SHA256 of key id and payload}</c>, all
/// base64url. Checking proves the token is ours and unaltered and not expired; single use is the
/// redemption store's job.
/// </summary>
public sealed class CapabilityLinkSigner
{
    private const int MinimumKeyBytes = 32;

    private readonly Dictionary<string, byte[]> _keys;
    private readonly string _currentKeyId;
    private readonly TimeProvider _time;

    public CapabilityLinkSigner(IOptions<LinkSigningOptions> options, TimeProvider time)
    {
        var settings = options.Value;
        _time = time;
        _keys = settings.Keys.ToDictionary(k => k.Key, k => DecodeKey(k.Key, k.Value), StringComparer.Ordinal);
        _currentKeyId = settings.CurrentKeyId;
        DefaultLifetime = settings.DefaultLifetime;
        if (!_keys.ContainsKey(_currentKeyId))
        {
            throw new InvalidOperationException($"Links:CurrentKeyId '{_currentKeyId}' is not one of the configured Links:Keys.");
        }
    }

    public TimeSpan DefaultLifetime { get; }

    public string Issue(string purpose, string subject, string step, string holder, TimeSpan? lifetime = null)
    {
        var link = new CapabilityLink(
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            purpose,
            subject,
            step,
            holder,
            _time.GetUtcNow() + (lifetime ?? DefaultLifetime));
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(link));
        var signed = $"{_currentKeyId}.{payload}";
        return $"{signed}.{Base64Url.EncodeToString(Mac(_keys[_currentKeyId], signed))}";
    }

    /// <summary>Reads a token; a refusal says why it cannot be used (forged, altered, retired key, expired).</summary>
    public (CapabilityLink? Link, LinkRefusal? Refusal) Verify(string? token, string expectedPurpose)
    {
        var parts = token?.Split('.') ?? [];
        if (parts.Length != 3 || parts.Any(p => p.Length == 0))
        {
            return (null, LinkRefusal.Invalid);
        }

        if (!_keys.TryGetValue(parts[0], out var key))
        {
            return (null, LinkRefusal.KeyRetired);
        }

        byte[] signature;
        CapabilityLink? link;
        try
        {
            signature = Base64Url.DecodeFromChars(parts[2]);
            if (!CryptographicOperations.FixedTimeEquals(signature, Mac(key, $"{parts[0]}.{parts[1]}")))
            {
                return (null, LinkRefusal.Invalid);
            }

            link = JsonSerializer.Deserialize<CapabilityLink>(Base64Url.DecodeFromChars(parts[1]));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return (null, LinkRefusal.Invalid);
        }

        if (link is null || link.Purpose != expectedPurpose)
        {
            return (null, LinkRefusal.Invalid);
        }

        return link.ExpiresAt <= _time.GetUtcNow() ? (link, LinkRefusal.Expired) : (link, null);
    }

    private static byte[] Mac(byte[] key, string signed) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(signed));

    private static byte[] DecodeKey(string id, string base64)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"Links:Keys:{id} is not base64.");
        }

        return key.Length >= MinimumKeyBytes
            ? key
            : throw new InvalidOperationException($"Links:Keys:{id} has {key.Length} bytes; at least {MinimumKeyBytes} are needed.");
    }
}
