using Azure;
using Azure.Core;
using Xunit;

namespace Workflow.Storage.Tests.Core;

[Collection(AzuriteCollection.Name)]
public sealed class SharedKeyAuthenticationTests(AzuriteFixture azurite)
{
    private const string WrongKey = "d3JvbmcgYWNjb3VudCBrZXkgd3JvbmcgYWNjb3VudCBrZXkgd3JvbmcgYWNjb3VudCBrZXk=";

    // The service is passed by name: StorageService is internal and theory parameters must be public.
    public static TheoryData<string, bool> Schemes => new()
    {
        { nameof(StorageService.Table), false },
        { nameof(StorageService.Table), true },
        { nameof(StorageService.Queue), false },
        { nameof(StorageService.Blob), false },
    };

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task Signed_request_is_accepted(string service, bool lite)
    {
        var response = await SendCreate(Enum.Parse<StorageService>(service), azurite.Account.Credential, lite);

        Assert.Equal(201, response.Status);
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task Request_signed_with_a_wrong_key_is_refused(string service, bool lite)
    {
        var wrong = new StorageSharedKeyCredential(StorageConnectionString.DevelopmentAccountName, WrongKey);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => SendCreate(Enum.Parse<StorageService>(service), wrong, lite));

        Assert.Equal(403, error.Status);
        Assert.NotNull(error.ErrorCode);
    }

    private async Task<Response> SendCreate(StorageService service, StorageSharedKeyCredential credential, bool lite)
    {
        var account = azurite.Account;
        var name = AzuriteFixture.UniqueName("sk");
        var options = new StorageClientOptions { UseSharedKeyLite = lite };
        options.Retry.MaxRetries = 0;
        switch (service)
        {
            case StorageService.Table:
            {
                var pipeline = new StoragePipeline(service, account.TableEndpoint, credential, options);
                using var message = pipeline.CreateMessage(RequestMethod.Post, "Tables");
                message.Request.Headers.SetValue("Accept", "application/json;odata=nometadata");
                message.Request.Headers.SetValue("Content-Type", "application/json");
                message.Request.Content = RequestContent.Create(BinaryData.FromObjectAsJson(new { TableName = name }));
                return await pipeline.SendAsync(message, CancellationToken.None);
            }

            case StorageService.Queue:
            {
                var pipeline = new StoragePipeline(service, account.QueueEndpoint, credential, options);
                using var message = pipeline.CreateMessage(RequestMethod.Put, name);
                return await pipeline.SendAsync(message, CancellationToken.None);
            }

            default:
            {
                var pipeline = new StoragePipeline(service, account.BlobEndpoint, credential, options);
                using var message = pipeline.CreateMessage(RequestMethod.Put, name);
                message.Request.Uri.AppendQuery("restype", "container");
                return await pipeline.SendAsync(message, CancellationToken.None);
            }
        }
    }
}
