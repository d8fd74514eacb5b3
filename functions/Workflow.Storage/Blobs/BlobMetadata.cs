using Azure;
using Azure.Core;

namespace Workflow.Storage.Blobs;

/// <summary>
/// Blob metadata travels as <c>x-ms-meta-*</c> HTTP headers, so its rules are checked before sending:
/// a value Azure would reject, trim or mangle (non-ASCII, such as Chinese text) fails here with the rule it breaks.
/// </summary>
internal static class BlobMetadata
{
    /// <summary>The metadata name under which the client stores the content's SHA-256 (lowercase hex).</summary>
    public const string Sha256Name = "sha256";

    private const string HeaderPrefix = "x-ms-meta-";
    private const int MaximumTotalBytes = 8 * 1024;

    public static void Validate(IDictionary<string, string>? metadata)
    {
        if (metadata is null)
        {
            return;
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var total = 0;
        foreach (var (name, value) in metadata)
        {
            if (!IsIdentifier(name))
            {
                throw new ArgumentException(
                    $"Invalid metadata name '{StorageNames.Printable(name ?? string.Empty)}': a metadata name is an ASCII C# identifier (letters, digits, '_', not starting with a digit).",
                    nameof(metadata));
            }

            if (name.Equals(Sha256Name, StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"The metadata name '{Sha256Name}' is reserved for the content hash the client computes.", nameof(metadata));
            }

            if (!names.Add(name))
            {
                throw new ArgumentException($"Metadata name '{name}' is given twice: metadata names are case-insensitive.", nameof(metadata));
            }

            if (value is null || value.Any(c => c is < ' ' or > '~') || value.Trim().Length != value.Length)
            {
                throw new ArgumentException(
                    $"Invalid value for metadata '{name}': metadata values are printable ASCII without leading or trailing spaces, because they are sent as HTTP headers. Encode other text (e.g. Chinese) before storing it as metadata, or keep it in the blob.",
                    nameof(metadata));
            }

            total += name.Length + value.Length;
        }

        if (total > MaximumTotalBytes)
        {
            throw new ArgumentException($"The metadata is {total} bytes: names and values together may not exceed 8 KiB.", nameof(metadata));
        }
    }

    public static void Write(Request request, IDictionary<string, string>? metadata, string sha256)
    {
        if (metadata is not null)
        {
            foreach (var (name, value) in metadata)
            {
                request.Headers.SetValue(HeaderPrefix + name, value);
            }
        }

        request.Headers.SetValue(HeaderPrefix + Sha256Name, sha256);
    }

    public static Dictionary<string, string> Read(Response response)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
        {
            if (header.Name.StartsWith(HeaderPrefix, StringComparison.OrdinalIgnoreCase))
            {
                metadata[header.Name[HeaderPrefix.Length..]] = header.Value;
            }
        }

        return metadata;
    }

    public static string? Sha256Of(IDictionary<string, string> metadata) =>
        metadata.TryGetValue(Sha256Name, out var sha256) ? sha256 : null;

    private static bool IsIdentifier(string? name) =>
        !string.IsNullOrEmpty(name) &&
        (char.IsAsciiLetter(name[0]) || name[0] == '_') &&
        name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
