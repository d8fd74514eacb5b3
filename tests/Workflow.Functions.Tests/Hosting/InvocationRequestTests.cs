using System.Text.Json;
using Workflow.Functions.Hosting.CustomHandler;
using Xunit;

namespace Workflow.Functions.Tests.Hosting;

public sealed class InvocationRequestTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Queue_trigger_values_read_the_same_in_the_documented_and_the_host_encoded_shape(bool hostEncoded)
    {
        const string text = "c2ln.{\"id\":\"m-1\",\"note\":\"引号\\\"内\"}";
        var request = Parse(HostInvocations.Queue("DurableControl", text, "id-1", "AgAAAAMAAAAAAAAAAgtnj8x+1QE=", 3, hostEncoded));

        Assert.Equal(text, request.DataText("message"));
        Assert.Equal("id-1", request.MetadataText("Id"));
        Assert.Equal("AgAAAAMAAAAAAAAAAgtnj8x+1QE=", request.MetadataText("PopReceipt"));
        Assert.Equal(3, request.MetadataInt("DequeueCount"));
    }

    [Fact]
    public void An_object_in_data_reads_as_its_json()
    {
        var request = Parse("""{"Data":{"event":{"id":"e-1","data":{"n":1}}},"Metadata":{}}""");

        using var json = JsonDocument.Parse(request.DataText("event"));
        Assert.Equal("e-1", json.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public void Missing_values_are_named_in_the_refusal()
    {
        var request = Parse("""{"Data":{},"Metadata":{"DequeueCount":"many"}}""");

        Assert.Contains("Data.message", Assert.Throws<InvalidDataException>(() => request.DataText("message")).Message, StringComparison.Ordinal);
        Assert.Contains("Metadata.PopReceipt", Assert.Throws<InvalidDataException>(() => request.MetadataText("PopReceipt")).Message, StringComparison.Ordinal);
        Assert.Contains("not a whole number", Assert.Throws<InvalidDataException>(() => request.MetadataInt("DequeueCount")).Message, StringComparison.Ordinal);
    }

    private static InvocationRequest Parse(string json) => JsonSerializer.Deserialize<InvocationRequest>(json)!;
}
