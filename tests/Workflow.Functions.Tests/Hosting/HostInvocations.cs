using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflow.Functions.Tests.Hosting;

/// <summary>
/// Invocation bodies as the Functions host posts them to a custom handler, in two shapes: as the custom-handler
/// documentation prints them (values plain), and as the host's HTTP worker writes them, which puts every string value
/// through JSON serialisation once more before writing the payload (so a string arrives as "\"…\"" and a number as "1").
/// </summary>
internal static class HostInvocations
{
    public static string Timer(string functionName, bool pastDue) => Payload(
        new JsonObject
        {
            ["timer"] = new JsonObject
            {
                ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
                ["ScheduleStatus"] = null,
                ["IsPastDue"] = pastDue,
            },
        },
        new JsonObject { ["sys"] = Sys(functionName) });

    /// <param name="eventJson">One event in the CloudEvents 1.0 JSON format, as Event Grid delivers it.</param>
    public static string EventGrid(string functionName, string eventJson, bool hostEncoded) => Payload(
        new JsonObject { ["event"] = hostEncoded ? Value(eventJson, hostEncoded: true) : JsonNode.Parse(eventJson) },
        new JsonObject { ["sys"] = Sys(functionName) });

    private static JsonValue Value(string text, bool hostEncoded) => JsonValue.Create(hostEncoded ? JsonSerializer.Serialize(text) : text);

    private static JsonObject Sys(string functionName) => new()
    {
        ["MethodName"] = functionName,
        ["UtcNow"] = DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture),
        ["RandGuid"] = Guid.NewGuid().ToString(),
    };

    private static string Payload(JsonObject data, JsonObject metadata) =>
        new JsonObject { ["Data"] = data, ["Metadata"] = metadata }.ToJsonString();
}
