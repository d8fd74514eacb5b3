using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflow.Domain;

/// <summary>The rule sets, plan templates and holiday schedules compiled into this assembly as JSON.</summary>
internal static class EmbeddedData
{
    private static readonly Assembly Assembly = typeof(EmbeddedData).Assembly;

    internal static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Deserialises every embedded file under <paramref name="folder"/> (e.g. "Calendar.Holidays").</summary>
    internal static IReadOnlyList<T> ReadAll<T>(string folder)
    {
        var prefix = $"{Assembly.GetName().Name}.{folder}.";
        return Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(Read<T>)
            .ToList();
    }

    private static T Read<T>(string resourceName)
    {
        using var stream = Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidDataException($"Embedded resource {resourceName} is missing.");
        try
        {
            return JsonSerializer.Deserialize<T>(stream, Options)
                ?? throw new InvalidDataException($"Embedded resource {resourceName} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Embedded resource {resourceName} is not valid: {e.Message}", e);
        }
    }
}
