using System.Text.RegularExpressions;
using Azure.Data.Tables;

namespace Workflow.App.Storage;

/// <summary>
/// The documented rules of Azure Table storage that the SDK does not check, checked before any request is sent, so a
/// bad name, key or entity fails with the rule it breaks instead of a 400 from the service, and nothing that passes
/// on Azurite (which enforces some of them loosely or not at all) first fails on Azure. Nothing served checks these;
/// were the SDK to validate entities client-side, this class would go.
/// </summary>
public static partial class TableRules
{
    public const int MaxCustomProperties = 252;
    public const int MaxStringLength = 32 * 1024;
    public const int MaxBinaryLength = 64 * 1024;
    public const int MaxEntitySize = 1024 * 1024;
    public const int MaxTransactionActions = 100;
    public const int MaxTransactionBodySize = 4 * 1024 * 1024;

    // What a transaction's multipart body spends per action besides the entity's JSON: the changeset boundary, the
    // request line with the entity's URL and the part's headers (about 380 bytes in a batch of the SDK's captured on Azurite,
    // with short keys and table name; the keys are counted apart, escaped).
    private const int TransactionOverheadPerAction = 512;

    // Edm.DateTime counts 100-ns ticks from 1601-01-01 UTC, the Windows file-time epoch.
    private static readonly DateTimeOffset MinDateTime = new(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] SystemProperties = ["PartitionKey", "RowKey", "Timestamp", "odata.etag"];

    /// <summary>Tables: 3–63 letters or digits, starting with a letter; "tables" is reserved.</summary>
    public static string TableName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!TableNamePattern().IsMatch(name) || name.Equals("tables", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"Invalid table name '{Printable(name)}': a table name is 3-63 letters or digits, starts with a letter, and is not 'tables'.", nameof(name));
        }

        return name;
    }

    /// <summary>PartitionKey and RowKey: at most 1 KiB, none of <c>/ \ # ?</c> and no control characters.</summary>
    public static string Key(string key, string propertyName = "key")
    {
        ArgumentNullException.ThrowIfNull(key, propertyName);
        if (key.Length > 512)
        {
            throw new ArgumentException($"{propertyName} is longer than the 1 KiB a key may have.", propertyName);
        }

        var bad = key.AsSpan().IndexOfAny(ForbiddenKeyCharacters);
        if (bad < 0)
        {
            bad = Array.FindIndex(key.ToCharArray(), char.IsControl);
        }

        if (bad >= 0)
        {
            throw new ArgumentException(
                $"{propertyName} '{Printable(key)}' contains '{Printable(key[bad].ToString())}': keys may not contain / \\ # ? or control characters.", propertyName);
        }

        return key;
    }

    /// <summary>Property names follow C# identifier rules, at most 255 characters.</summary>
    public static string PropertyName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!PropertyNamePattern().IsMatch(name))
        {
            throw new ArgumentException(
                $"Invalid property name '{Printable(name)}': a property name is an identifier of at most 255 letters, digits and underscores, not starting with a digit.", nameof(name));
        }

        return name;
    }

    /// <summary>
    /// Checks an entity before it is written: its keys, the names, types and sizes of its properties, and its size as
    /// the service counts it. Returns it; <see cref="CheckedTableWrites"/> runs it before every write.
    /// </summary>
    public static TableEntity Checked(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        Key(entity.PartitionKey, nameof(entity.PartitionKey));
        Key(entity.RowKey, nameof(entity.RowKey));
        var custom = entity.Where(p => !SystemProperties.Contains(p.Key, StringComparer.Ordinal)).ToList();
        if (custom.Count > MaxCustomProperties)
        {
            throw new ArgumentException(
                $"The entity has {custom.Count} properties: an entity may have at most {MaxCustomProperties} besides PartitionKey, RowKey and Timestamp.", nameof(entity));
        }

        // The formula of "Understanding the Table service data model": 4 bytes, the keys in UTF-16, and per property
        // 8 bytes, its name in UTF-16 and its value's size.
        var size = 4L + ((entity.PartitionKey.Length + entity.RowKey.Length) * 2L);
        foreach (var (name, value) in custom)
        {
            PropertyName(name);
            size += 8 + (name.Length * 2L) + SizeOf(name, value);
        }

        if (size > MaxEntitySize)
        {
            throw new ArgumentException(
                $"The entity is {size} bytes as Table storage counts them: an entity may be at most 1 MiB ({MaxEntitySize} bytes).", nameof(entity));
        }

        return entity;
    }

    /// <summary>
    /// Checks a transaction before it is sent: at most 100 actions, one partition, each entity checked, and a request
    /// body of at most 4 MiB. Azurite accepts 101 actions and then answers with a reply the SDK cannot parse.
    /// </summary>
    public static IReadOnlyList<TableTransactionAction> Checked(IReadOnlyList<TableTransactionAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count is 0 or > MaxTransactionActions)
        {
            throw new ArgumentException(
                $"The transaction has {actions.Count} actions: an entity group transaction has 1 to {MaxTransactionActions}.", nameof(actions));
        }

        var partitions = actions.Select(a => a.Entity.PartitionKey).Distinct(StringComparer.Ordinal).Count();
        if (partitions > 1)
        {
            throw new ArgumentException($"The transaction spans {partitions} partitions: an entity group transaction stays in one.", nameof(actions));
        }

        var body = 0L;
        foreach (var action in actions)
        {
            body += TransactionOverheadPerAction + (action.Entity.PartitionKey.Length + action.Entity.RowKey.Length) * 3L;
            if (action.Entity is TableEntity entity && action.ActionType != TableTransactionActionType.Delete)
            {
                body += WireSize(Checked(entity));
            }
        }

        if (body > MaxTransactionBodySize)
        {
            throw new ArgumentException(
                $"The transaction's request is about {body} bytes: an entity group transaction may be at most 4 MiB ({MaxTransactionBodySize} bytes).", nameof(actions));
        }

        return actions;
    }

    // The entity's JSON as the SDK sends it, counted without writing it (the export sends tens of thousands a run): ASCII
    // one byte a character, anything else \uXXXX (six), each value quoted, each property with its name and its
    // type annotation, which is at most 40 bytes ("Name@odata.type":"Edm.DateTime",).
    private static long WireSize(TableEntity entity)
    {
        var size = 2L;
        foreach (var (name, value) in entity)
        {
            size += 4 + TextSize(name) + 40 + value switch
            {
                string text => 2 + TextSize(text),
                byte[] bytes => 2 + ((bytes.Length + 2) / 3 * 4),
                BinaryData data => 2 + ((data.ToMemory().Length + 2) / 3 * 4),
                _ => 36,
            };
        }

        return size;

        static long TextSize(string text)
        {
            var bytes = 0L;
            foreach (var c in text)
            {
                bytes += c is >= ' ' and < (char)0x7F and not '"' and not '\\' ? 1 : 6;
            }

            return bytes;
        }
    }

    /// <summary>Text for an exception message or a log: control characters escaped, never raw.</summary>
    public static string Printable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
    }

    private static long SizeOf(string name, object? value) => value switch
    {
        null => 0,
        string text when text.Length > MaxStringLength => throw new ArgumentException(
            $"Property '{name}' is {text.Length} characters: a string property may be at most 64 KiB, which is {MaxStringLength} UTF-16 characters.", nameof(value)),
        string text => 4 + (text.Length * 2L),
        byte[] bytes when bytes.Length > MaxBinaryLength => throw new ArgumentException(
            $"Property '{name}' is {bytes.Length} bytes: a binary property may be at most 64 KiB ({MaxBinaryLength} bytes).", nameof(value)),
        byte[] bytes => 4 + bytes.Length,
        BinaryData data => SizeOf(name, data.ToArray()),
        DateTimeOffset time when time < MinDateTime => throw new ArgumentException(
            $"Property '{name}' is {time:O}: Table storage stores dates from 1601-01-01 UTC on.", nameof(value)),
        DateTime time when time.ToUniversalTime() < MinDateTime => throw new ArgumentException(
            $"Property '{name}' is {time:O}: Table storage stores dates from 1601-01-01 UTC on.", nameof(value)),
        int => 4,
        bool => 1,
        Guid => 16,
        long or double or DateTimeOffset or DateTime => 8,
        _ => throw new ArgumentException(
            $"Property '{name}' is a {value.GetType().Name}: Table storage properties are string, int, long, double, bool, DateTimeOffset, Guid or byte[].", nameof(value)),
    };

    private static readonly char[] ForbiddenKeyCharacters = ['/', '\\', '#', '?'];

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableNamePattern();

    [GeneratedRegex(@"^[_\p{L}][_\p{L}\p{Nd}]{0,254}$")]
    private static partial Regex PropertyNamePattern();
}
