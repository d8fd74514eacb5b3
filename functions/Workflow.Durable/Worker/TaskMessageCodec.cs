using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Workflow.Durable;

/// <summary>
/// Writes a message as "signature.json" with an HMAC-SHA256 over the JSON, and reads it back only if the
/// signature holds and the content is complete.
/// </summary>
internal sealed class TaskMessageCodec(byte[] key)
{
    public string Encode(TaskMessage message)
    {
        var json = JsonSerializer.Serialize(message, DurableJson.Options);
        return $"{Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(json)))}.{json}";
    }

    /// <exception cref="InvalidDataException">The body is not a message this task hub wrote, or is incomplete.</exception>
    public TaskMessage Decode(string body)
    {
        var dot = body.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            throw new InvalidDataException("The message has no signature.");
        }

        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(body[..dot]);
        }
        catch (FormatException)
        {
            throw new InvalidDataException("The message signature is not base64.");
        }

        var json = body[(dot + 1)..];
        if (!CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(json))))
        {
            throw new InvalidDataException("The message signature does not match its content: it was altered or signed with another key.");
        }

        try
        {
            var message = JsonSerializer.Deserialize<TaskMessage>(json, DurableJson.Options);
            return message is { Id.Length: > 0, InstanceId.Length: > 0, Event: not null }
                ? message
                : throw new InvalidDataException("The message lacks an id, an instance id or an event.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The message is not valid JSON: {e.Message}", e);
        }
    }
}
