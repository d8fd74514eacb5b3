using System.Text.Json;

namespace Workflow.Functions.Tests.Hosting;

/// <summary>One function as its function.json declares it: the folder name is the function's name.</summary>
internal sealed record FunctionDefinition(string Name, IReadOnlyList<JsonElement> Bindings)
{
    public JsonElement Trigger => Bindings.Single(b => Text(b, "type").EndsWith("Trigger", StringComparison.Ordinal));

    public string TriggerType => Text(Trigger, "type");

    public bool IsHttp => TriggerType == "httpTrigger";

    public static string Text(JsonElement binding, string property) =>
        binding.TryGetProperty(property, out var value) ? value.GetString() ?? string.Empty : string.Empty;
}

/// <summary>The Functions metadata in the checkout: host.json at the root and functionapp/{function}/function.json.</summary>
internal static class FunctionAppFiles
{
    public static string FunctionsFolder => Path.Combine(RepositoryRoot.Path, "functionapp");

    public static IReadOnlyList<FunctionDefinition> Functions() =>
        Directory.GetDirectories(FunctionsFolder)
            .Select(folder =>
            {
                using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "function.json")));
                return new FunctionDefinition(Path.GetFileName(folder), [.. json.RootElement.GetProperty("bindings").EnumerateArray().Select(b => b.Clone())]);
            })
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();

    public static JsonElement HostJson()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "host.json")));
        return json.RootElement.Clone();
    }
}
