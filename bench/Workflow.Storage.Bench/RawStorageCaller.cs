using System.Globalization;
using System.Text;
using Azure.Core;

namespace Workflow.Storage.Bench;

/// <summary>
/// The baseline: what a careful hand-rolled caller sends with a pooled <see cref="HttpClient"/> — the same method,
/// URL, headers (in the same order) and body bytes as the storage client, SharedKey-signed with a string-to-sign
/// built by hand for this fixed header set. No pipeline, no retries, no logging, no response parsing beyond
/// the status (and, for a receive, that a message came back).
/// </summary>
internal sealed class RawStorageCaller : IDisposable
{
    private const string TableAccept = "application/json;odata=minimalmetadata";

    private readonly HttpClient _http;
    private readonly StorageSharedKeyCredential _key;
    private readonly string _account;
    private readonly string _version;
    private readonly string _userAgent;
    private readonly string _tableEndpoint;
    private readonly string _tablePath;
    private readonly string _queueEndpoint;
    private readonly string _queuePath;

    /// <param name="handler">The transport; null for a <see cref="SocketsHttpHandler"/> set up as Azure.Core sets up its own.</param>
    public RawStorageCaller(string connectionString, HttpMessageHandler? handler = null)
    {
        var parsed = StorageConnectionString.Parse(connectionString);
        _key = parsed.Credential;
        _account = parsed.AccountName;
        _version = new StorageClientOptions().ServiceVersion;
        // The client's User-Agent, which Azure.Core derives from the client assembly, runtime and OS.
        _userAgent = new TelemetryDetails(typeof(StorageClientOptions).Assembly).ToString();
        (_tableEndpoint, _tablePath) = (parsed.TableEndpoint.AbsoluteUri.TrimEnd('/'), parsed.TableEndpoint.AbsolutePath.TrimEnd('/'));
        (_queueEndpoint, _queuePath) = (parsed.QueueEndpoint.AbsoluteUri.TrimEnd('/'), parsed.QueueEndpoint.AbsolutePath.TrimEnd('/'));
        _http = new HttpClient(handler ?? new SocketsHttpHandler
        {
            // Azure.Core's shared transport uses these settings; the defaults are the same otherwise.
            UseCookies = false,
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>Insert Entity: <c>POST /{table}</c>, <c>Prefer: return-no-content</c>, 204.</summary>
    public Task InsertEntityAsync(string table, byte[] json)
    {
        var path = $"/{table}";
        var request = TableRequest(HttpMethod.Post, path, prefer: true);
        return SendTableAsync(request, path, json);
    }

    /// <summary>Insert Or Replace Entity: <c>PUT /{table}(PartitionKey='…',RowKey='…')</c>, 204.</summary>
    public Task UpsertReplaceEntityAsync(string table, string partitionKey, string rowKey, byte[] json)
    {
        var path = EntityPath(table, partitionKey, rowKey);
        var request = TableRequest(HttpMethod.Put, path, prefer: false);
        return SendTableAsync(request, path, json);
    }

    /// <summary>Query Entity (point read): <c>GET /{table}(PartitionKey='…',RowKey='…')</c>, 200 with the entity's JSON.</summary>
    public Task GetEntityAsync(string table, string partitionKey, string rowKey)
    {
        var path = EntityPath(table, partitionKey, rowKey);
        var request = TableRequest(HttpMethod.Get, path, prefer: false);
        return SendTableAsync(request, path, body: null);
    }

    /// <summary>Put Message: <c>POST /{queue}/messages</c> with the base64 text in the XML envelope, 201.</summary>
    public Task SendMessageAsync(string queue, string text)
    {
        var body = Encoding.UTF8.GetBytes(
            "<QueueMessage><MessageText>" + Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) + "</MessageText></QueueMessage>");
        var path = $"{_queuePath}/{queue}/messages";
        var request = QueueRequest(HttpMethod.Post, _queueEndpoint + $"/{queue}/messages", path, canonicalQuery: string.Empty, body);
        return SendAsync(request);
    }

    /// <summary>Get Messages, one at a time: <c>GET /{queue}/messages?numofmessages=1</c>, 200 with the message XML.</summary>
    public async Task ReceiveMessageAsync(string queue)
    {
        var path = $"{_queuePath}/{queue}/messages";
        var request = QueueRequest(
            HttpMethod.Get, _queueEndpoint + $"/{queue}/messages?numofmessages=1", path, "\nnumofmessages:1", body: null);
        var body = await SendAsync(request, readBody: true);
        if (body.AsSpan().IndexOf("<MessageId>"u8) < 0)
        {
            throw new InvalidOperationException($"Queue {queue} returned no message: the benchmark's prefill ran short.");
        }
    }

    /// <summary>Delete Message: <c>DELETE /{queue}/messages/{id}?popreceipt=…</c>, 204.</summary>
    public Task DeleteMessageAsync(string queue, string messageId, string popReceipt)
    {
        var id = Uri.EscapeDataString(messageId);
        var path = $"{_queuePath}/{queue}/messages/{id}";
        var request = QueueRequest(
            HttpMethod.Delete,
            _queueEndpoint + $"/{queue}/messages/{id}?popreceipt={Uri.EscapeDataString(popReceipt)}",
            path,
            "\npopreceipt:" + popReceipt,
            body: null);
        return SendAsync(request);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Table SharedKey: VERB, Content-MD5, Content-Type, Date (the x-ms-date value), canonicalized resource.</summary>
    internal static string TableStringToSign(string method, string contentType, string date, string canonicalResource) =>
        $"{method}\n\n{contentType}\n{date}\n{canonicalResource}";

    /// <summary>
    /// Blob/Queue SharedKey for this caller's fixed header set: VERB and the eleven standard headers (only Content-Length
    /// is ever set here), the four x-ms-* headers in name order, then /account/path and the query parameters in name order.
    /// </summary>
    internal static string QueueStringToSign(string method, int contentLength, string requestId, string date, string version, string canonicalResource)
    {
        var length = contentLength > 0 ? contentLength.ToString(CultureInfo.InvariantCulture) : string.Empty;
        return $"{method}\n\n\n{length}\n\n\n\n\n\n\n\n\n" +
               $"x-ms-client-request-id:{requestId}\nx-ms-date:{date}\nx-ms-return-client-request-id:true\nx-ms-version:{version}\n" +
               canonicalResource;
    }

    private static string EntityPath(string table, string partitionKey, string rowKey) =>
        $"/{table}(PartitionKey='{Uri.EscapeDataString(partitionKey)}',RowKey='{Uri.EscapeDataString(rowKey)}')";

    private HttpRequestMessage TableRequest(HttpMethod method, string path, bool prefer)
    {
        var request = new HttpRequestMessage(method, _tableEndpoint + path);
        var headers = request.Headers;
        headers.TryAddWithoutValidation("x-ms-version", _version);
        headers.TryAddWithoutValidation("Accept", TableAccept);
        headers.TryAddWithoutValidation("DataServiceVersion", "3.0");
        headers.TryAddWithoutValidation("MaxDataServiceVersion", "3.0;NetFx");
        if (prefer)
        {
            headers.TryAddWithoutValidation("Prefer", "return-no-content");
        }

        return request;
    }

    private Task<byte[]> SendTableAsync(HttpRequestMessage request, string path, byte[]? body)
    {
        var date = Now();
        var contentType = body is null ? string.Empty : "application/json";
        AddCommonHeaders(request, date, _key.Sign(TableStringToSign(request.Method.Method, contentType, date, $"/{_account}{_tablePath}{path}")));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return SendAsync(request);
    }

    private HttpRequestMessage QueueRequest(HttpMethod method, string url, string path, string canonicalQuery, byte[]? body)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation("x-ms-version", _version);
        var date = Now();
        var requestId = Guid.NewGuid().ToString();
        var stringToSign = QueueStringToSign(method.Method, body?.Length ?? 0, requestId, date, _version, $"/{_account}{path}{canonicalQuery}");
        AddCommonHeaders(request, date, _key.Sign(stringToSign), requestId);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
        }

        return request;
    }

    // After the service-specific headers, in the order Azure.Core's pipeline adds them.
    private void AddCommonHeaders(HttpRequestMessage request, string date, string signature, string? requestId = null)
    {
        var headers = request.Headers;
        headers.TryAddWithoutValidation("x-ms-client-request-id", requestId ?? Guid.NewGuid().ToString());
        headers.TryAddWithoutValidation("x-ms-return-client-request-id", "true");
        headers.TryAddWithoutValidation("User-Agent", _userAgent);
        headers.TryAddWithoutValidation("x-ms-date", date);
        headers.TryAddWithoutValidation("Authorization", $"SharedKey {_account}:{signature}");
    }

    private async Task<byte[]> SendAsync(HttpRequestMessage request, bool readBody = false)
    {
        using (request)
        {
            // ResponseContentRead: the body is read into memory before this returns, as Azure.Core's pipeline does.
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            if (!response.IsSuccessStatusCode)
            {
                var error = await response.Content.ReadAsStringAsync();
                throw new HttpRequestException(
                    $"Baseline {request.Method} {request.RequestUri?.AbsolutePath} answered {(int)response.StatusCode}: {error}",
                    null,
                    response.StatusCode);
            }

            return readBody ? await response.Content.ReadAsByteArrayAsync() : [];
        }
    }

    private static string Now() => DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture);
}
