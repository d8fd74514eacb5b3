using System.Text.RegularExpressions;

namespace Workflow.Storage.Tables;

/// <summary>
/// The documented limits of Azure Table storage, checked before a request is sent: Azurite enforces some of
/// them loosely or not at all, so code that passes against the emulator must not first fail on Azure.
/// </summary>
internal static partial class TableLimits
{
    public const int MaxCustomProperties = 252;
    public const int MaxStringLength = 32 * 1024;
    public const int MaxBinaryLength = 64 * 1024;
    public const int MaxEntitySize = 1024 * 1024;
    public const int MaxTransactionActions = 100;
    public const int MaxTransactionBodySize = 4 * 1024 * 1024;
    public const int MaxPageSize = 1000;

    // Edm.DateTime counts 100-ns ticks from 1601-01-01 UTC, the Windows file-time epoch.
    public static readonly DateTimeOffset MinDateTime = new(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] SystemProperties = ["PartitionKey", "RowKey", "Timestamp"];

    /// <summary>Property names follow C# identifier rules, at most 255 characters; used for entities, filters and $select.</summary>
    public static string ValidatePropertyName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!PropertyNamePattern().IsMatch(name))
        {
            throw new ArgumentException(
                $"Invalid property name '{StorageNames.Printable(name)}': a property name is an identifier of at most 255 letters, digits and underscores, not starting with a digit.",
                nameof(name));
        }

        return name;
    }

    public static string ValidateCustomPropertyName(string name)
    {
        ValidatePropertyName(name);
        if (SystemProperties.Contains(name, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"'{name}' is a system property: set PartitionKey and RowKey through the entity's properties; Timestamp is set by the service.",
                nameof(name));
        }

        return name;
    }

    /// <summary>Checks a property value's type and size; the value is stored as given.</summary>
    public static object ValidateValue(string name, object value) => value switch
    {
        string text when text.Length > MaxStringLength => throw new ArgumentException(
            $"Property '{name}' is {text.Length} characters: a string property may be at most 64 KiB, which is {MaxStringLength} UTF-16 characters.",
            nameof(value)),
        byte[] bytes when bytes.Length > MaxBinaryLength => throw new ArgumentException(
            $"Property '{name}' is {bytes.Length} bytes: a binary property may be at most 64 KiB ({MaxBinaryLength} bytes).",
            nameof(value)),
        DateTimeOffset time when time < MinDateTime => throw new ArgumentException(
            $"Property '{name}' is {time:O}: Table storage stores dates from 1601-01-01 UTC on.",
            nameof(value)),
        string or int or long or double or bool or DateTimeOffset or Guid or byte[] => value,
        _ => throw new ArgumentException(
            $"Property '{name}' is a {value.GetType().Name}: Table storage properties are string, int, long, double, bool, DateTimeOffset, Guid or byte[].",
            nameof(value)),
    };

    /// <summary>The property count and the entity size as the service computes it, both before any request.</summary>
    public static void ValidateEntity(TableEntity entity)
    {
        if (entity.Count > MaxCustomProperties)
        {
            throw new ArgumentException(
                $"The entity has {entity.Count} properties: an entity may have at most {MaxCustomProperties} besides PartitionKey, RowKey and Timestamp.",
                nameof(entity));
        }

        // The formula of "Understanding the Table service data model": 4 bytes, the keys in UTF-16,
        // and per property 8 bytes, its name in UTF-16 and its value's size.
        var size = 4L + (entity.PartitionKey.Length + entity.RowKey.Length) * 2L;
        foreach (var (name, value) in entity)
        {
            size += 8 + name.Length * 2L + value switch
            {
                string text => 4 + text.Length * 2L,
                byte[] bytes => 4 + bytes.Length,
                int => 4,
                bool => 1,
                Guid => 16,
                _ => 8,
            };
        }

        if (size > MaxEntitySize)
        {
            throw new ArgumentException(
                $"The entity is {size} bytes as Table storage counts them: an entity may be at most 1 MiB ({MaxEntitySize} bytes).",
                nameof(entity));
        }
    }

    [GeneratedRegex(@"^[_\p{L}][_\p{L}\p{Nd}]{0,254}$")]
    private static partial Regex PropertyNamePattern();
}
