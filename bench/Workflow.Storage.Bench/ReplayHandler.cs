using System.Net;

namespace Workflow.Storage.Bench;

/// <summary>
/// A transport that answers every request with one recorded Azurite response, without a socket: what is left to
/// time is the caller's own work — building, signing and sending the request through HttpClient, and reading the answer.
/// </summary>
internal sealed class ReplayHandler : HttpMessageHandler
{
    private long _headerCharacters;

    /// <summary>The response every request gets.</summary>
    public RecordedExchange? Answer { get; set; }

    /// <summary>How many header characters the requests carried (read as the socket handler would write them).</summary>
    public long HeaderCharacters => Interlocked.Read(ref _headerCharacters);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var answer = Answer ?? throw new InvalidOperationException("No answer to replay.");
        // What the socket handler does with the request: read every header and write out the body.
        var characters = 0;
        foreach (var header in request.Headers.NonValidated)
        {
            characters += header.Key.Length + header.Value.ToString().Length;
        }

        Interlocked.Add(ref _headerCharacters, characters);

        if (request.Content is not null)
        {
            await request.Content.CopyToAsync(Stream.Null, cancellationToken);
        }

        var response = new HttpResponseMessage((HttpStatusCode)answer.Status)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(answer.ResponseBody),
        };
        foreach (var (name, value) in answer.ResponseHeaders)
        {
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                response.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }
}
