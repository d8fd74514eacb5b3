using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflow.Functions.Hosting.CustomHandler;

/// <summary>
/// 调用请求: what the Functions host POSTs to /{function} for a non-HTTP trigger. <c>Data</c> holds the trigger (and
/// input bindings) by binding name, <c>Metadata</c> the trigger's metadata and <c>sys</c>.
/// </summary>
public sealed record InvocationRequest(
    [property: JsonPropertyName("Data")] Dictionary<string, JsonElement>? Data,
    [property: JsonPropertyName("Metadata")] Dictionary<string, JsonElement>? Metadata)
{
    /// <summary>The text of a Data entry: a string as it was, anything else (an object, an array) as its JSON.</summary>
    /// <exception cref="InvalidDataException">The entry is missing.</exception>
    public string DataText(string binding) =>
        Data is not null && Data.TryGetValue(binding, out var value) && Text(value) is { } text
            ? text
            : throw new InvalidDataException($"The invocation carries no Data.{binding}.");

    // The host puts a string value through JsonConvert.SerializeObject before it serialises the payload, so a string
    // arrives as JSON text of a string ("\"…\""); the documented examples show it plain. Both are accepted: none of the
    // values read here (event JSON) can itself begin with a quote.
    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Unquote(value.GetString()!),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };

    private static string Unquote(string text) =>
        text.Length >= 2 && text[0] == '"' && text[^1] == '"' ? JsonSerializer.Deserialize<string>(text)! : text;
}
