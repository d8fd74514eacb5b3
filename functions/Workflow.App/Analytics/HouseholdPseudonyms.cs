using System.Security.Cryptography;
using System.Text;

namespace Workflow.App.Analytics;

/// <summary>
/// 户的假名键: the household key analysts see instead of the 户编号, names or 身份证号. It is an HMAC-SHA256 of the
/// county and household number under a configured secret, so it is the same in every export (relationships and
/// history hold across refreshes) and cannot be turned back into the number without the secret. Rotating the secret
/// re-keys every household: do it only with a full rebuild.
/// </summary>
public sealed class HouseholdPseudonyms
{
    private readonly Lazy<byte[]> _secret;

    public HouseholdPseudonyms(byte[] secret)
        : this(() => secret)
    {
    }

    /// <summary>The secret is read at the first use: a missing setting fails the export that needs it, not the app's start.</summary>
    public HouseholdPseudonyms(Func<byte[]> secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        _secret = new Lazy<byte[]>(() =>
        {
            var value = secret();
            return value is { Length: >= 16 } ? value : throw new InvalidOperationException("The household key secret needs at least 16 bytes.");
        });
    }

    /// <summary>24 lower-case hex digits (96 bits).</summary>
    public string Of(string countyCode, string householdNumber)
    {
        var mac = HMACSHA256.HashData(_secret.Value, Encoding.UTF8.GetBytes($"{countyCode}|{householdNumber}"));
        return Convert.ToHexStringLower(mac.AsSpan(0, 12));
    }
}
