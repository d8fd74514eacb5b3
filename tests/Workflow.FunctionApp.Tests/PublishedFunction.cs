using System.Text.Json;

namespace Workflow.FunctionApp.Tests;

/// <summary>One function of <c>functions.metadata</c>: its name and the binding that triggers it.</summary>
public sealed record PublishedFunction(string Name, string TriggerType, string? Route, IReadOnlyList<string> Methods, string? Schedule)
{
    public bool IsHttp => TriggerType == "httpTrigger";

    public static IReadOnlyList<PublishedFunction> ReadAll(string metadataJson)
    {
        using var document = JsonDocument.Parse(metadataJson);
        return [.. document.RootElement.EnumerateArray().Select(Read)];
    }

    private static PublishedFunction Read(JsonElement function)
    {
        var trigger = function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
        return new PublishedFunction(
            function.GetProperty("name").GetString()!,
            trigger.GetProperty("type").GetString()!,
            Text(trigger, "route"),
            trigger.TryGetProperty("methods", out var methods) && methods.ValueKind == JsonValueKind.Array ? [.. methods.EnumerateArray().Select(m => m.GetString()!)] : [],
            Text(trigger, "schedule"));
    }

    private static string? Text(JsonElement binding, string name) =>
        binding.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
