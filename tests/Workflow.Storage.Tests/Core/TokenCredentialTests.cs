using Azure;
using Workflow.Storage.Blobs;
using Workflow.Storage.Queues;
using Workflow.Storage.Tables;
using Xunit;

namespace Workflow.Storage.Tests.Core;

/// <summary>
/// The managed-identity path: a TokenCredential's bearer token instead of the account key, against an
/// Azurite that serves https and checks tokens (lifetime, issuer, audience).
/// </summary>
public sealed class TokenCredentialTests(TlsAzuriteFixture tls) : IClassFixture<TlsAzuriteFixture>
{
    [Fact]
    public async Task Tables_queues_and_blobs_work_with_a_bearer_token()
    {
        var credential = new UnsignedEntraToken();
        var options = tls.TrustingOptions();
        var table = new TableClient(tls.Azurite.TableEndpoint, "tokens", credential, options);
        var queue = new QueueClient(new Uri($"{tls.Azurite.QueueEndpoint}/tokens"), credential, options);
        var container = new BlobContainerClient(new Uri($"{tls.Azurite.BlobEndpoint}/tokens"), credential, options);

        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("镇", "户") { ["状态"] = "未脱贫" });
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("待审核");
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient("表.txt").UploadAsync(BinaryData.FromString("佐证"));

        Assert.Equal("未脱贫", (await table.GetEntityAsync("镇", "户")).Value.GetString("状态"));
        Assert.Equal("待审核", Assert.Single((await queue.ReceiveMessagesAsync()).Value).MessageText);
        Assert.Equal("佐证", (await container.GetBlobClient("表.txt").DownloadContentAsync()).Value.Content.ToString());
        Assert.True(credential.Requests > 0);
        Assert.False(container.CanGenerateSasUri);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var table = new TableClient(tls.Azurite.TableEndpoint, "expired", new UnsignedEntraToken(TimeSpan.FromHours(-1)), tls.TrustingOptions());

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.CreateIfNotExistsAsync());

        Assert.Equal(403, error.Status);
        Assert.Equal("AuthenticationFailed", error.ErrorCode);
    }
}
