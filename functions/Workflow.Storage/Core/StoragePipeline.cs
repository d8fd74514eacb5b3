using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Workflow.Storage;

/// <summary>
/// One service endpoint behind an Azure.Core pipeline: the clients build requests against it and get back
/// a successful response or a <see cref="RequestFailedException"/> carrying status and storage error code.
/// </summary>
internal sealed class StoragePipeline
{
    private const string StorageScope = "https://storage.azure.com/.default";

    private readonly HttpPipeline _pipeline;

    public StoragePipeline(StorageService service, Uri endpoint, StorageSharedKeyCredential credential, StorageClientOptions? options)
        : this(service, endpoint, options ?? new StorageClientOptions(), credential.AccountName,
            new SharedKeyAuthenticationPolicy(credential, service, (options?.UseSharedKeyLite ?? false) && service == StorageService.Table))
    {
        SharedKey = credential;
    }

    public StoragePipeline(StorageService service, Uri endpoint, TokenCredential credential, StorageClientOptions? options)
        : this(service, endpoint, options ?? new StorageClientOptions(), AccountFromEndpoint(endpoint),
            new BearerTokenAuthenticationPolicy(credential, StorageScope))
    {
    }

    private StoragePipeline(StorageService service, Uri endpoint, StorageClientOptions options, string accountName, HttpPipelinePolicy authentication)
    {
        Service = service;
        Endpoint = endpoint;
        AccountName = accountName;
        Version = options.ServiceVersion;
        _pipeline = HttpPipelineBuilder.Build(options, [], [authentication], new ResponseClassifier());
    }

    public StorageService Service { get; }
    public Uri Endpoint { get; }
    public string AccountName { get; }
    public string Version { get; }

    /// <summary>Set when the pipeline signs with an account key; SAS links can be made only then.</summary>
    public StorageSharedKeyCredential? SharedKey { get; }

    /// <summary>A request to <c>{endpoint}/{path}</c>; path segments are escaped by the caller's choice of <paramref name="escape"/>.</summary>
    public HttpMessage CreateMessage(RequestMethod method, string path, bool escape = true)
    {
        var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(Endpoint);
        if (path.Length > 0)
        {
            if (!request.Uri.Path.EndsWith('/'))
            {
                request.Uri.AppendPath("/", escape: false);
            }

            request.Uri.AppendPath(path, escape);
        }

        request.Headers.SetValue("x-ms-version", Version);
        return message;
    }

    /// <summary>Sends the message; any status outside 2xx (and outside <paramref name="alsoSuccessful"/>) throws.</summary>
    public async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken, int alsoSuccessful = 0)
    {
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status is >= 200 and < 300 || response.Status == alsoSuccessful)
        {
            return response;
        }

        if (response.ContentStream is { } streamed and not MemoryStream)
        {
            // A streamed request (BufferResponse = false) failed: read its small error body so it can be parsed.
            var buffered = new MemoryStream();
            await streamed.CopyToAsync(buffered, cancellationToken).ConfigureAwait(false);
            await streamed.DisposeAsync().ConfigureAwait(false);
            buffered.Position = 0;
            response.ContentStream = buffered;
        }

        throw StorageErrors.FromResponse(Service, message.Request, response);
    }

    // https://account.table.core.windows.net -> account; http://127.0.0.1:10002/account -> account (path-style).
    private static string AccountFromEndpoint(Uri endpoint) =>
        endpoint.HostNameType == UriHostNameType.Dns && !endpoint.IsLoopback
            ? endpoint.Host.Split('.')[0]
            : endpoint.AbsolutePath.Trim('/').Split('/')[0];
}
