using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Workflow.Storage.Tables;

namespace Workflow.Storage.Bench;

/// <summary>
/// The entity every table operation writes: seven typed properties, about 400 bytes of JSON. The client builds it
/// as a <see cref="TableEntity"/>; the baseline writes the same JSON by hand (the wire check proves the bytes match).
/// </summary>
internal static class BenchEntity
{
    public const string PartitionKey = "bench";

    private static readonly DateTimeOffset DueOn = new(2025, 6, 30, 12, 0, 0, TimeSpan.Zero);

    public static string RowKey(int index) => "r" + index.ToString("D7", CultureInfo.InvariantCulture);

    public static TableEntity Create(int index) => new(PartitionKey, RowKey(index))
    {
        { "Status", "Submitted" },
        { "Title", "Quarterly travel expense claim, second approval pending" },
        { "Amount", 1234.5 },
        { "Attempts", 3 },
        { "Sequence", 9_000_000_000L + index },
        { "DueOn", DueOn },
        { "Urgent", false },
    };

    /// <summary>What a hand-rolled caller writes: the OData JSON of <see cref="Create"/>, annotations included.</summary>
    public static byte[] Json(int index)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("PartitionKey", PartitionKey);
            writer.WriteString("RowKey", RowKey(index));
            writer.WriteString("Status", "Submitted");
            writer.WriteString("Title", "Quarterly travel expense claim, second approval pending");
            writer.WriteString("Amount@odata.type", "Edm.Double");
            writer.WriteNumber("Amount", 1234.5);
            writer.WriteNumber("Attempts", 3);
            writer.WriteString("Sequence@odata.type", "Edm.Int64");
            writer.WriteString("Sequence", (9_000_000_000L + index).ToString(CultureInfo.InvariantCulture));
            writer.WriteString("DueOn@odata.type", "Edm.DateTime");
            writer.WriteString("DueOn", "2025-06-30T12:00:00.0000000Z");
            writer.WriteBoolean("Urgent", false);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
