namespace Workflow.Storage.Bench;

/// <summary>A transport that notes each request exactly as it leaves for the socket handler, and the answer it got.</summary>
internal sealed class RecordingHandler() : DelegatingHandler(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
{
    private readonly List<RecordedExchange> _exchanges = [];

    public RecordedExchange Last
    {
        get
        {
            lock (_exchanges)
            {
                return _exchanges[^1];
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        _ = request.Content?.Headers.ContentLength; // as the socket handler will, so Content-Length is listed
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var exchange = new RecordedExchange(
            request.Method.Method,
            request.RequestUri?.AbsoluteUri ?? string.Empty,
            request.Version,
            Headers(request.Headers, request.Content?.Headers),
            body,
            (int)response.StatusCode,
            Headers(response.Headers, response.Content.Headers),
            await response.Content.ReadAsByteArrayAsync(cancellationToken));
        lock (_exchanges)
        {
            _exchanges.Add(exchange);
        }

        return response;
    }

    // NonValidated: the raw values as they are written, without parsing (which could reformat them).
    private static List<(string Name, string Value)> Headers(System.Net.Http.Headers.HttpHeaders headers, System.Net.Http.Headers.HttpHeaders? content) =>
        headers.NonValidated.Select(h => (h.Key, h.Value.ToString()))
            .Concat(content?.NonValidated.Select(h => (h.Key, h.Value.ToString())) ?? [])
            .ToList();
}

/// <summary>One request as sent, and the response it got.</summary>
internal sealed record RecordedExchange(
    string Method,
    string Uri,
    Version Version,
    IReadOnlyList<(string Name, string Value)> Headers,
    byte[] Body,
    int Status,
    IReadOnlyList<(string Name, string Value)> ResponseHeaders,
    byte[] ResponseBody);
