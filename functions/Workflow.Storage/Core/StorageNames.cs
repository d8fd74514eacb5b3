using System.Text.RegularExpressions;

namespace Workflow.Storage;

/// <summary>
/// The naming rules of Azure Storage, checked before any request is sent so a bad name fails with the
/// rule it breaks rather than with a 400 from the service.
/// </summary>
public static partial class StorageNames
{

    /// <summary>Tables: 3–63 letters or digits, starting with a letter; "tables" is reserved.</summary>
    public static string ValidateTableName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!TableNamePattern().IsMatch(name) || name.Equals("tables", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"Invalid table name '{Printable(name)}': a table name is 3-63 letters or digits, starts with a letter, and is not 'tables'.",
                nameof(name));
        }

        return name;
    }

    /// <summary>Queues and containers: 3–63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.</summary>
    public static string ValidateQueueName(string name) => ValidateDnsStyleName(name, "queue");

    /// <inheritdoc cref="ValidateQueueName"/>
    public static string ValidateContainerName(string name) => ValidateDnsStyleName(name, "container");

    /// <summary>Blobs: 1–1024 characters, no control characters, not ending with '.' or '/'.</summary>
    public static string ValidateBlobName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is 0 or > 1024 || name.Any(char.IsControl) || name.EndsWith('.') || name.EndsWith('/') ||
            name.Split('/').Any(segment => segment.Length == 0 || segment is "." or ".."))
        {
            throw new ArgumentException(
                $"Invalid blob name '{Printable(name)}': a blob name is 1-1024 characters without control characters, empty, '.' or '..' path segments, and does not end with '.' or '/'.",
                nameof(name));
        }

        return name;
    }

    /// <summary>PartitionKey and RowKey: at most 1 KiB, none of <c>/ \ # ?</c> and no control characters.</summary>
    public static string ValidateEntityKey(string key, string propertyName)
    {
        ArgumentNullException.ThrowIfNull(key, propertyName);
        if (key.Length > 512)
        {
            throw new ArgumentException($"{propertyName} is longer than the 1 KiB a key may have.", propertyName);
        }

        var bad = Array.FindIndex(key.ToCharArray(), c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
        if (bad >= 0)
        {
            throw new ArgumentException(
                $"{propertyName} '{Printable(key)}' contains '{Printable(key[bad].ToString())}': keys may not contain / \\ # ? or control characters.",
                propertyName);
        }

        return key;
    }

    private static string ValidateDnsStyleName(string name, string kind)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!DnsNamePattern().IsMatch(name) || name.Contains("--", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"Invalid {kind} name '{Printable(name)}': a {kind} name is 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.",
                nameof(name));
        }

        return name;
    }

    // Names end up in exception messages and logs; control characters are shown escaped, never raw.
    internal static string Printable(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableNamePattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex DnsNamePattern();
}
