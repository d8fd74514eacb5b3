using System.Globalization;

namespace Workflow.Storage.Blobs;

/// <summary>
/// A read-only service SAS for one blob, signed with the account key. Fields and their order follow the
/// service SAS string-to-sign for signed versions 2020-12-06 and later (later versions changed only the
/// user delegation SAS); every optional field is present as an empty line.
/// </summary>
internal static class BlobReadSas
{
    // Allow for clocks a little behind ours: without st a link could be refused as "not yet valid" by a lagging server.
    private static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromMinutes(5);

    public static Uri Create(
        Uri blobUri, StorageSharedKeyCredential key, string containerName, string blobName, string version,
        DateTimeOffset now, TimeSpan lifetime)
    {
        var start = Format(now - ClockSkewAllowance);
        var expiry = Format(now + lifetime);
        // On an https endpoint the link must not work over plain http; Azurite listens on http only.
        var protocol = blobUri.Scheme == Uri.UriSchemeHttps ? "https" : string.Empty;
        var signature = key.Sign(StringToSign(key.AccountName, containerName, blobName, version, start, expiry, protocol));

        var query = new List<string>
        {
            $"sv={Uri.EscapeDataString(version)}",
            $"st={Uri.EscapeDataString(start)}",
            $"se={Uri.EscapeDataString(expiry)}",
            "sr=b",
            "sp=r",
        };
        if (protocol.Length > 0)
        {
            query.Add($"spr={protocol}");
        }

        query.Add($"sig={Uri.EscapeDataString(signature)}");
        return new UriBuilder(blobUri) { Query = string.Join('&', query) }.Uri;
    }

    internal static string StringToSign(
        string accountName, string containerName, string blobName, string version, string start, string expiry, string protocol) =>
        string.Join('\n',
            "r", // signedPermissions
            start,
            expiry,
            $"/blob/{accountName}/{containerName}/{blobName}", // canonicalizedResource: the unescaped names
            string.Empty, // signedIdentifier: no stored access policy
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
            string.Empty); // rsct

    private static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
