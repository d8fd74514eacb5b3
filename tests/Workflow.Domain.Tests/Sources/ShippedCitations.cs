using System.Text.Json;

namespace Workflow.Domain.Tests.Sources;

/// <summary>
/// Every {seed, quote} pair in the data shipped with the domain (functions/Workflow.Domain/**/*.json, read from the
/// source tree): any object, at any depth, of any file, that has both a "seed" and a "quote" string.
/// </summary>
public static class ShippedCitations
{
    public static string DataFolder => Path.Combine(SeedDocuments.RepositoryRoot, "functions", "Workflow.Domain");

    public static IReadOnlyList<(string Where, string Seed, string Quote)> All() =>
        DataFiles().SelectMany(f => In(Path.GetRelativePath(DataFolder, f), File.ReadAllText(f))).ToList();

    private static IEnumerable<string> DataFiles() =>
        Directory.GetFiles(DataFolder, "*.json", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static bool IsString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String;

    private static void Items(JsonElement element, string path, Action<JsonElement, string> visit)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            visit(element, path);
            foreach (var property in element.EnumerateObject())
            {
                Items(property.Value, $"{path}.{property.Name}", visit);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                Items(item, $"{path}[{i++}]", visit);
            }
        }
    }

    /// <summary>
    /// Every item of the shipped data that says where it comes from (has a "basis") but neither quotes a seed (seed and
    /// quote) nor calls itself an assumption (the word assumption or 假设 in its basis): each one found is a rule
    /// without a source (issue 20, item 5).
    /// </summary>
    public static IReadOnlyList<string> Unsourced() =>
        DataFiles().SelectMany(f => UnsourcedIn(Path.GetRelativePath(DataFolder, f), File.ReadAllText(f))).ToList();

    /// <summary>The items of one JSON text with a basis that neither quotes a seed nor states an assumption, by file and JSON path.</summary>
    public static IEnumerable<string> UnsourcedIn(string file, string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var found = new List<string>();
        Items(document.RootElement, "$", (element, path) =>
        {
            if (element.TryGetProperty("basis", out var basis) && basis.ValueKind == JsonValueKind.String
                && !(IsString(element, "seed") && IsString(element, "quote"))
                && !basis.GetString()!.Contains("assumption", StringComparison.OrdinalIgnoreCase)
                && !basis.GetString()!.Contains("假设", StringComparison.Ordinal))
            {
                found.Add($"{file} {path}");
            }
        });
        return found;
    }

    /// <summary>The {seed, quote} pairs in one JSON text, each located by its file and JSON path.</summary>
    public static IEnumerable<(string Where, string Seed, string Quote)> In(string file, string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var found = new List<(string, string, string)>();
        Walk(document.RootElement, "$", file, found);
        return found;
    }

    private static void Walk(JsonElement element, string path, string file, List<(string, string, string)> found)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("seed", out var seed) && seed.ValueKind == JsonValueKind.String
                && element.TryGetProperty("quote", out var quote) && quote.ValueKind == JsonValueKind.String)
            {
                found.Add(($"{file} {path}", seed.GetString()!, quote.GetString()!));
            }

            foreach (var property in element.EnumerateObject())
            {
                Walk(property.Value, $"{path}.{property.Name}", file, found);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                Walk(item, $"{path}[{i++}]", file, found);
            }
        }
    }
}
