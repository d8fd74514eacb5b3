using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Workflow.Storage.Blobs.Models;

namespace Workflow.Storage.Blobs;

/// <summary>
/// A read-only SAS for one blob, signed either with the account key (service SAS) or with a user delegation key
/// (user delegation SAS, for a client that reaches the account with an Entra ID token). Every optional field of a
/// string-to-sign is present as an empty line.
/// </summary>
internal static class BlobReadSas
{
    // The user delegation string-to-sign gained two fields in 2025-07-05 and two more in 2026-04-06; a link signed with
    // the wrong layout is refused with a bare 403, so versions outside the layout written here are refused up front.
    internal const string UserDelegationLayoutSince = "2025-07-05";
    internal const string UserDelegationLayoutUntil = "2026-04-06";

    // Allow for clocks a little behind ours: without st a link could be refused as "not yet valid" by a lagging server.
    internal static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromMinutes(5);

    /// <summary>A service SAS; its string-to-sign is the one for signed versions 2020-12-06 and later.</summary>
    public static Uri Create(
        Uri blobUri, StorageSharedKeyCredential key, string containerName, string blobName, string version,
        DateTimeOffset now, TimeSpan lifetime)
    {
        var start = FormatTime(now - ClockSkewAllowance);
        var expiry = FormatTime(now + lifetime);
        var protocol = Protocol(blobUri);
        var signature = key.Sign(StringToSign(key.AccountName, containerName, blobName, version, start, expiry, protocol));
        return Link(blobUri, version, start, expiry, protocol, [], signature);
    }

    /// <summary>A user delegation SAS, valid only inside the key's own lifetime.</summary>
    /// <exception cref="ArgumentException">The key is not a Blob Storage key, or does not cover the link's whole lifetime.</exception>
    /// <exception cref="NotSupportedException">The service version is one whose string-to-sign layout is not written here.</exception>
    public static Uri Create(
        Uri blobUri, UserDelegationKey key, string accountName, string containerName, string blobName, string version,
        DateTimeOffset now, TimeSpan lifetime)
    {
        if (string.CompareOrdinal(version, UserDelegationLayoutSince) < 0 || string.CompareOrdinal(version, UserDelegationLayoutUntil) >= 0)
        {
            throw new NotSupportedException(
                $"User delegation SAS is signed here for service versions {UserDelegationLayoutSince} up to {UserDelegationLayoutUntil} (exclusive), not {version}.");
        }

        if (key.SignedService != "b")
        {
            throw new ArgumentException($"The user delegation key is for service '{key.SignedService}', not Blob Storage ('b').", nameof(key));
        }

        // The service refuses a link outside its key's lifetime, so a key about to expire must be renewed, not used.
        var startsOn = Max(now - ClockSkewAllowance, key.SignedStartsOn);
        var expiresOn = now + lifetime;
        if (now < key.SignedStartsOn || expiresOn > key.SignedExpiresOn)
        {
            throw new ArgumentException(
                $"The user delegation key signs from {FormatTime(key.SignedStartsOn)} to {FormatTime(key.SignedExpiresOn)}; " +
                $"a link from {FormatTime(now)} to {FormatTime(expiresOn)} needs a key that covers it.", nameof(key));
        }

        var start = FormatTime(startsOn);
        var expiry = FormatTime(expiresOn);
        var protocol = Protocol(blobUri);
        var text = UserDelegationStringToSign(accountName, containerName, blobName, version, start, expiry, protocol, key);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(key.Value), Encoding.UTF8.GetBytes(text)));
        string[] keyFields =
        [
            $"skoid={Uri.EscapeDataString(key.SignedObjectId)}",
            $"sktid={Uri.EscapeDataString(key.SignedTenantId)}",
            $"skt={Uri.EscapeDataString(FormatTime(key.SignedStartsOn))}",
            $"ske={Uri.EscapeDataString(FormatTime(key.SignedExpiresOn))}",
            $"sks={Uri.EscapeDataString(key.SignedService)}",
            $"skv={Uri.EscapeDataString(key.SignedVersion)}",
        ];
        return Link(blobUri, version, start, expiry, protocol, keyFields, signature);
    }

    internal static string StringToSign(
        string accountName, string containerName, string blobName, string version, string start, string expiry, string protocol) =>
        string.Join('\n',
        [
            .. Head(accountName, containerName, blobName, start, expiry),
            string.Empty, // signedIdentifier: no stored access policy
            .. Tail(protocol, version),
        ]);

    /// <summary>
    /// The user delegation string-to-sign for signed versions 2025-07-05 up to 2026-04-06: the service SAS's fields with
    /// the key's six in place of signedIdentifier, then five about delegated users and correlation (26 fields).
    /// </summary>
    internal static string UserDelegationStringToSign(
        string accountName, string containerName, string blobName, string version, string start, string expiry, string protocol,
        UserDelegationKey key) =>
        string.Join('\n',
        [
            .. Head(accountName, containerName, blobName, start, expiry),
            key.SignedObjectId, // signedKeyObjectId
            key.SignedTenantId, // signedKeyTenantId
            FormatTime(key.SignedStartsOn), // signedKeyStart
            FormatTime(key.SignedExpiresOn), // signedKeyExpiry
            key.SignedService, // signedKeyService
            key.SignedVersion, // signedKeyVersion
            string.Empty, // signedAuthorizedUserObjectId
            string.Empty, // signedUnauthorizedUserObjectId
            string.Empty, // signedCorrelationId
            string.Empty, // signedKeyDelegatedUserTenantId
            string.Empty, // signedDelegatedUserObjectId: anyone holding the link may read, as with a service SAS
            .. Tail(protocol, version),
        ]);

    // What a read link for one blob signs first, in either kind of SAS.
    private static string[] Head(string accountName, string containerName, string blobName, string start, string expiry) =>
    [
        "r", // signedPermissions
        start,
        expiry,
        $"/blob/{accountName}/{containerName}/{blobName}", // canonicalizedResource: the unescaped names, as the service compares them
    ];

    // What it signs last, in either kind: from signedIP on, everything optional left empty.
    private static string[] Tail(string protocol, string version) =>
    [
        string.Empty, // signedIP
        protocol,
        version,
        "b", // signedResource: a blob
        string.Empty, // signedSnapshotTime
        string.Empty, // signedEncryptionScope
        string.Empty, // rscc
        string.Empty, // rscd
        string.Empty, // rsce
        string.Empty, // rscl
        string.Empty, // rsct
    ];

    /// <summary>UTC to the second, the form SAS fields and the user delegation key request both take.</summary>
    internal static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // On an https endpoint the link must not work over plain http; Azurite without TLS listens on http only.
    private static string Protocol(Uri blobUri) => blobUri.Scheme == Uri.UriSchemeHttps ? "https" : string.Empty;

    private static Uri Link(Uri blobUri, string version, string start, string expiry, string protocol, string[] keyFields, string signature)
    {
        var query = new List<string>
        {
            $"sv={Uri.EscapeDataString(version)}",
            $"st={Uri.EscapeDataString(start)}",
            $"se={Uri.EscapeDataString(expiry)}",
            "sr=b",
            "sp=r",
        };
        query.AddRange(keyFields);
        if (protocol.Length > 0)
        {
            query.Add($"spr={protocol}");
        }

        query.Add($"sig={Uri.EscapeDataString(signature)}");
        return new UriBuilder(blobUri) { Query = string.Join('&', query) }.Uri;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
