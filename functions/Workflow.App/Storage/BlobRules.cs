using System.Text.RegularExpressions;

namespace Workflow.App.Storage;

/// <summary>
/// The naming rules of blob containers, blobs and queues, checked before any request is sent so a bad name fails with
/// the rule it breaks rather than with a 400 from the service (the SDK sends whatever it is given).
/// </summary>
public static partial class BlobRules
{
    /// <summary>Containers: 3–63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.</summary>
    public static string ContainerName(string name) => DnsStyleName(name, "container");

    /// <summary>Queues: the same rule as containers.</summary>
    public static string QueueName(string name) => DnsStyleName(name, "queue");

    /// <summary>Blobs: 1–1024 characters, no control characters, no empty, '.' or '..' segments, not ending with '.' or '/'.</summary>
    public static string BlobName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is 0 or > 1024 || name.Any(char.IsControl) || name.EndsWith('.') || name.EndsWith('/') ||
            name.Split('/').Any(segment => segment.Length == 0 || segment is "." or ".."))
        {
            throw new ArgumentException(
                $"Invalid blob name '{TableRules.Printable(name)}': a blob name is 1-1024 characters without control characters, empty, '.' or '..' path segments, and does not end with '.' or '/'.",
                nameof(name));
        }

        return name;
    }

    private static string DnsStyleName(string name, string kind)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!DnsNamePattern().IsMatch(name) || name.Contains("--", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"Invalid {kind} name '{TableRules.Printable(name)}': a {kind} name is 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.",
                nameof(name));
        }

        return name;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex DnsNamePattern();
}
