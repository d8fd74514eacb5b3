using System.Globalization;
using System.Net;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Workflow.Storage;

/// <summary>
/// Signs each request with the account key (SharedKey, or SharedKeyLite for tables).
/// Runs per retry, after the retry policy, so every attempt is signed afresh with a new x-ms-date
/// over the headers that attempt really sends.
/// </summary>
internal sealed class SharedKeyAuthenticationPolicy(StorageSharedKeyCredential credential, StorageService service, bool lite)
    : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        request.Headers.SetValue("x-ms-date", DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture));
        var scheme = lite ? "SharedKeyLite" : "SharedKey";
        var signature = credential.Sign(StringToSign(request));
        request.Headers.SetValue("Authorization", $"{scheme} {credential.AccountName}:{signature}");
    }

    internal string StringToSign(Request request) => service switch
    {
        StorageService.Table when lite => $"{Header(request, "x-ms-date")}\n{TableResource(request)}",
        StorageService.Table =>
            $"{request.Method.Method}\n{Header(request, "Content-MD5")}\n{Header(request, "Content-Type")}\n" +
            $"{Header(request, "x-ms-date")}\n{TableResource(request)}",
        _ => BlobOrQueueStringToSign(request),
    };

    private string BlobOrQueueStringToSign(Request request)
    {
        var length = request.Content is not null && request.Content.TryComputeLength(out var n) && n > 0
            ? n.ToString(CultureInfo.InvariantCulture)
            : string.Empty;
        var text = new StringBuilder()
            .Append(request.Method.Method).Append('\n')
            .Append(Header(request, "Content-Encoding")).Append('\n')
            .Append(Header(request, "Content-Language")).Append('\n')
            .Append(length).Append('\n')
            .Append(Header(request, "Content-MD5")).Append('\n')
            .Append(Header(request, "Content-Type")).Append('\n')
            .Append(string.Empty).Append('\n') // Date: x-ms-date is sent and signed instead.
            .Append(Header(request, "If-Modified-Since")).Append('\n')
            .Append(Header(request, "If-Match")).Append('\n')
            .Append(Header(request, "If-None-Match")).Append('\n')
            .Append(Header(request, "If-Unmodified-Since")).Append('\n')
            .Append(Header(request, "Range")).Append('\n');

        foreach (var header in request.Headers
                     .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
                     .Select(h => (Name: h.Name.ToLowerInvariant(), Value: h.Value.Trim()))
                     .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            text.Append(header.Name).Append(':').Append(header.Value).Append('\n');
        }

        text.Append('/').Append(credential.AccountName).Append(request.Uri.Path);
        foreach (var parameter in QueryParameters(request)
                     .GroupBy(p => p.Name.ToLowerInvariant())
                     .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.Append('\n').Append(parameter.Key).Append(':')
                .Append(string.Join(',', parameter.Select(p => p.Value).Order(StringComparer.Ordinal)));
        }

        return text.ToString();
    }

    private string TableResource(Request request)
    {
        var resource = $"/{credential.AccountName}{request.Uri.Path}";
        var comp = QueryParameters(request).FirstOrDefault(p => p.Name.Equals("comp", StringComparison.OrdinalIgnoreCase));
        return comp.Name is null ? resource : $"{resource}?comp={comp.Value}";
    }

    private static IEnumerable<(string Name, string Value)> QueryParameters(Request request)
    {
        var query = request.Uri.Query;
        if (string.IsNullOrEmpty(query))
        {
            yield break;
        }

        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            yield return equals < 0
                ? (WebUtility.UrlDecode(pair), string.Empty)
                : (WebUtility.UrlDecode(pair[..equals]), WebUtility.UrlDecode(pair[(equals + 1)..]));
        }
    }

    private static string Header(Request request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value : string.Empty;
}
