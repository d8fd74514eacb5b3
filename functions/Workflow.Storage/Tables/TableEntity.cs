using System.Collections;
using Azure;

namespace Workflow.Storage.Tables;

/// <summary>
/// A table entity: its keys, the service-set Timestamp and ETag, and its custom properties by name.
/// Property values are string, int, long, double, bool, DateTimeOffset, Guid or byte[] and keep that type
/// through a write and a read. Table storage has no null: a property is present or absent, so assigning
/// null removes it. Names, types and sizes are checked when a property is set.
/// </summary>
public sealed class TableEntity : IEnumerable<KeyValuePair<string, object>>
{
    private readonly Dictionary<string, object> _properties = new(StringComparer.Ordinal);
    private string _partitionKey;
    private string _rowKey;

    public TableEntity(string partitionKey, string rowKey)
    {
        _partitionKey = StorageNames.ValidateEntityKey(partitionKey, nameof(PartitionKey));
        _rowKey = StorageNames.ValidateEntityKey(rowKey, nameof(RowKey));
    }

    public string PartitionKey
    {
        get => _partitionKey;
        set => _partitionKey = StorageNames.ValidateEntityKey(value, nameof(PartitionKey));
    }

    public string RowKey
    {
        get => _rowKey;
        set => _rowKey = StorageNames.ValidateEntityKey(value, nameof(RowKey));
    }

    /// <summary>When the service last modified the entity; set on entities read from the service, never written.</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>The entity's version as read from the service, for conditional updates and deletes.</summary>
    public ETag ETag { get; set; }

    /// <summary>The number of custom properties (keys and Timestamp not counted).</summary>
    public int Count => _properties.Count;

    public IEnumerable<string> Keys => _properties.Keys;

    /// <summary>The property's value, or null when the entity has no such property; setting null removes it.</summary>
    public object? this[string name]
    {
        get => _properties.GetValueOrDefault(name);
        set
        {
            TableLimits.ValidateCustomPropertyName(name);
            if (value is null)
            {
                _properties.Remove(name);
            }
            else
            {
                _properties[name] = TableLimits.ValidateValue(name, value);
            }
        }
    }

    /// <summary>Adds a property that is not yet there; lets an entity be written with a collection initializer.</summary>
    public void Add(string name, object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _properties.Add(TableLimits.ValidateCustomPropertyName(name), TableLimits.ValidateValue(name, value));
    }

    // Values read from the service are stored as they come: the service has already accepted them.
    internal void AddFromService(string name, object value) => _properties[name] = value;

    public bool ContainsKey(string name) => _properties.ContainsKey(name);

    public bool Remove(string name) => _properties.Remove(name);

    public string? GetString(string name) => Get<string>(name, "string (Edm.String)");

    public int? GetInt32(string name) => GetValue<int>(name, "int (Edm.Int32)");

    public long? GetInt64(string name) => GetValue<long>(name, "long (Edm.Int64)");

    public double? GetDouble(string name) => GetValue<double>(name, "double (Edm.Double)");

    public bool? GetBoolean(string name) => GetValue<bool>(name, "bool (Edm.Boolean)");

    public DateTimeOffset? GetDateTimeOffset(string name) => GetValue<DateTimeOffset>(name, "DateTimeOffset (Edm.DateTime)");

    public Guid? GetGuid(string name) => GetValue<Guid>(name, "Guid (Edm.Guid)");

    public byte[]? GetBinary(string name) => Get<byte[]>(name, "byte[] (Edm.Binary)");

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _properties.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private T? Get<T>(string name, string expected)
        where T : class =>
        _properties.TryGetValue(name, out var value)
            ? value as T ?? throw WrongType(name, value, expected)
            : null;

    private T? GetValue<T>(string name, string expected)
        where T : struct =>
        _properties.TryGetValue(name, out var value)
            ? value is T typed ? typed : throw WrongType(name, value, expected)
            : null;

    // No conversions, not even widening: a property read with the wrong getter is a schema mistake to surface.
    private static InvalidOperationException WrongType(string name, object value, string expected) =>
        new($"Property '{name}' holds a {value.GetType().Name}, not a {expected}.");
}
