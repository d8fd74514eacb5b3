using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflow.App.Funds;

/// <summary>How a step row's JSON is written: web names, enums by name.</summary>
internal static class FundJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}
