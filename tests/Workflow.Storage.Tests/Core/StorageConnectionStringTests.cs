using Xunit;

namespace Workflow.Storage.Tests.Core;

public sealed class StorageConnectionStringTests
{
    [Fact]
    public void Development_storage_points_at_azurite_default_ports()
    {
        var parsed = StorageConnectionString.Parse("UseDevelopmentStorage=true");

        Assert.Equal("devstoreaccount1", parsed.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), parsed.BlobEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), parsed.QueueEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), parsed.TableEndpoint);
    }

    [Fact]
    public void Full_connection_string_builds_endpoints_from_account_and_suffix()
    {
        var parsed = StorageConnectionString.Parse(
            "DefaultEndpointsProtocol=https;AccountName=lufengfp;AccountKey=a2V5;EndpointSuffix=core.chinacloudapi.cn");

        Assert.Equal(new Uri("https://lufengfp.blob.core.chinacloudapi.cn"), parsed.BlobEndpoint);
        Assert.Equal(new Uri("https://lufengfp.queue.core.chinacloudapi.cn"), parsed.QueueEndpoint);
        Assert.Equal(new Uri("https://lufengfp.table.core.chinacloudapi.cn"), parsed.TableEndpoint);
    }

    [Fact]
    public void Explicit_endpoints_win_over_the_suffix()
    {
        var parsed = StorageConnectionString.Parse(
            "AccountName=a;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:5555/a;");

        Assert.Equal(new Uri("http://127.0.0.1:5555/a"), parsed.TableEndpoint);
        Assert.Equal(new Uri("https://a.blob.core.windows.net"), parsed.BlobEndpoint);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("AccountName=a", "no AccountKey")]
    [InlineData("AccountKey=a2V5", "no AccountName")]
    [InlineData("AccountName=a;AccountKey=not base64!", "not valid base64")]
    [InlineData("AccountName=a;AccountKey=a2V5;AccountName=b", "more than once")]
    [InlineData("AccountName=a;AccountKey=a2V5;garbage", "Segment 3")]
    [InlineData("AccountName=a;AccountKey=a2V5;DefaultEndpointsProtocol=ftp", "'http' or 'https'")]
    [InlineData("AccountName=a;AccountKey=a2V5;TableEndpoint=not a url", "TableEndpoint is not an absolute")]
    [InlineData("UseDevelopmentStorage=false", "UseDevelopmentStorage")]
    [InlineData("UseDevelopmentStorage=true;AccountName=a", "UseDevelopmentStorage")]
    [InlineData("BlobEndpoint=https://a.blob.core.windows.net;SharedAccessSignature=sv=x", "SAS connection strings")]
    public void Malformed_connection_string_is_refused_with_the_reason(string connectionString, string reason)
    {
        var error = Assert.Throws<FormatException>(() => StorageConnectionString.Parse(connectionString));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_is_never_echoed_in_an_error()
    {
        var error = Assert.Throws<FormatException>(() => StorageConnectionString.Parse("AccountName=a;AccountKey=sekret!!"));

        Assert.DoesNotContain("sekret", error.Message, StringComparison.Ordinal);
    }
}
