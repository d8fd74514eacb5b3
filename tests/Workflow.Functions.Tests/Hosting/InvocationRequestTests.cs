using System.Text.Json;
using Workflow.Functions.Hosting.CustomHandler;
using Xunit;

namespace Workflow.Functions.Tests.Hosting;

public sealed class InvocationRequestTests
{
    [Fact]
    public void An_object_in_data_reads_as_its_json()
    {
        var request = Parse("""{"Data":{"event":{"id":"e-1","data":{"n":1}}},"Metadata":{}}""");

        using var json = JsonDocument.Parse(request.DataText("event"));
        Assert.Equal("e-1", json.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public void A_missing_value_is_named_in_the_refusal()
    {
        var request = Parse("""{"Data":{},"Metadata":{}}""");

        Assert.Contains("Data.message", Assert.Throws<InvalidDataException>(() => request.DataText("message")).Message, StringComparison.Ordinal);
    }

    private static InvocationRequest Parse(string json) => JsonSerializer.Deserialize<InvocationRequest>(json)!;
}
