using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Azure;

namespace Workflow.Storage.Tables;

/// <summary>
/// The OData JSON form of an entity. Writing annotates every type JSON cannot tell apart from another
/// (<c>Name@odata.type</c>); reading a <c>odata=minimalmetadata</c> response uses the annotations the service
/// sends and tells the unannotated ones (string, int32, bool, finite double) apart by their JSON form.
/// </summary>
internal static class TableEntityJson
{
    private const string TypeAnnotation = "@odata.type";


    /// <summary>The entity as a request body, after the count and size checks.</summary>
    public static byte[] Serialize(TableEntity entity)
    {
        TableLimits.ValidateEntity(entity);
        var buffer = new ArrayBufferWriter<byte>();
        // The default encoder keeps the body ASCII, every other character a \u escape. Azurite (3.37) decodes a
        // single-entity body chunk by chunk, so a multi-byte UTF-8 character split between two network reads
        // became U+FFFD and Chinese text was silently corrupted. Escapes cost Chinese text six bytes a character
        // instead of three, which the 4 MiB transaction check counts as it is sent.
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("PartitionKey", entity.PartitionKey);
            writer.WriteString("RowKey", entity.RowKey);
            foreach (var (name, value) in entity)
            {
                WriteProperty(writer, name, value);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static TableEntity Read(JsonElement json)
    {
        var entity = new TableEntity(
            json.TryGetProperty("PartitionKey", out var partitionKey) ? partitionKey.GetString() ?? string.Empty : string.Empty,
            json.TryGetProperty("RowKey", out var rowKey) ? rowKey.GetString() ?? string.Empty : string.Empty);
        foreach (var property in json.EnumerateObject())
        {
            var name = property.Name;
            if (name == "odata.etag")
            {
                entity.ETag = new ETag(property.Value.GetString() ?? string.Empty);
            }
            else if (name == "Timestamp")
            {
                entity.Timestamp = ParseDateTime(property.Value.GetString());
            }
            else if (name is not ("PartitionKey" or "RowKey") && !name.StartsWith("odata.", StringComparison.Ordinal) &&
                     !name.Contains('@', StringComparison.Ordinal))
            {
                var type = json.TryGetProperty(name + TypeAnnotation, out var annotation) ? annotation.GetString() : null;
                entity.AddFromService(name, ReadValue(name, property.Value, type));
            }
        }

        return entity;
    }

    private static void WriteProperty(Utf8JsonWriter writer, string name, object value)
    {
        switch (value)
        {
            case string text:
                writer.WriteString(name, text);
                break;
            case int number:
                writer.WriteNumber(name, number);
                break;
            case bool flag:
                writer.WriteBoolean(name, flag);
                break;
            case long number:
                // Edm.Int64 travels as a string: JSON readers that hold numbers as doubles lose digits above 2^53.
                writer.WriteString(name + TypeAnnotation, "Edm.Int64");
                writer.WriteString(name, number.ToString(CultureInfo.InvariantCulture));
                break;
            case double number:
                // Annotated even when whole: 2.0 would otherwise be written as 2 and read back as an Int32.
                writer.WriteString(name + TypeAnnotation, "Edm.Double");
                if (double.IsFinite(number))
                {
                    writer.WriteNumber(name, number);
                }
                else
                {
                    writer.WriteString(name, double.IsNaN(number) ? "NaN" : number > 0 ? "Infinity" : "-Infinity");
                }

                break;
            case DateTimeOffset time:
                writer.WriteString(name + TypeAnnotation, "Edm.DateTime");
                writer.WriteString(name, FormatDateTime(time));
                break;
            case Guid guid:
                writer.WriteString(name + TypeAnnotation, "Edm.Guid");
                writer.WriteString(name, guid.ToString("D"));
                break;
            case byte[] bytes:
                writer.WriteString(name + TypeAnnotation, "Edm.Binary");
                writer.WriteBase64String(name, bytes);
                break;
            default:
                throw new InvalidOperationException($"Property '{name}' has unsupported type {value.GetType().Name}.");
        }
    }

    private static object ReadValue(string name, JsonElement value, string? type)
    {
        try
        {
            return type switch
            {
                "Edm.Int64" => long.Parse(value.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
                "Edm.Double" => value.ValueKind == JsonValueKind.String
                    ? double.Parse(value.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
                    : value.GetDouble(),
                "Edm.DateTime" => ParseDateTime(value.GetString()),
                "Edm.Guid" => Guid.Parse(value.GetString()!, CultureInfo.InvariantCulture),
                "Edm.Binary" => value.GetBytesFromBase64(),
                "Edm.Int32" => value.GetInt32(),
                "Edm.Boolean" => value.GetBoolean(),
                "Edm.String" or null => value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString()!,
                    JsonValueKind.True or JsonValueKind.False => value.GetBoolean(),
                    // Without an annotation a number is an Int32 unless it is written as a decimal (2.0, 1.5E+300).
                    JsonValueKind.Number when value.GetRawText().AsSpan().IndexOfAny(".eE") < 0 && value.TryGetInt32(out var number) => number,
                    JsonValueKind.Number => value.GetDouble(),
                    _ => throw new FormatException($"a JSON {value.ValueKind} is not a Table storage value"),
                },
                _ => throw new FormatException($"'{type}' is not a Table storage type"),
            };
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or OverflowException)
        {
            throw new InvalidDataException($"Table storage returned property '{name}' in a form this client cannot read: {e.Message}", e);
        }
    }

    // 100-ns precision: the resolution at which Table storage keeps Edm.DateTime, which is a DateTimeOffset tick.
    public static string FormatDateTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseDateTime(string? text) =>
        DateTimeOffset.Parse(
            text ?? throw new FormatException("a date is null"),
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
