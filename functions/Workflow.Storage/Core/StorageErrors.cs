using System.Text.Json;
using System.Xml.Linq;
using Azure;
using Azure.Core;

namespace Workflow.Storage;

/// <summary>Turns a failed storage response into a <see cref="RequestFailedException"/> with the service's error code and message.</summary>
internal static class StorageErrors
{
    public static RequestFailedException FromResponse(StorageService service, Request request, Response response)
    {
        response.Headers.TryGetValue("x-ms-error-code", out var code);
        var (bodyCode, bodyMessage) = ParseBody(response);
        code ??= bodyCode;
        var summary = bodyMessage?.Split('\n')[0].Trim();
        var text = $"{service} storage answered {response.Status} ({code ?? response.ReasonPhrase}) to {request.Method} {request.Uri.Path}" +
                   (string.IsNullOrEmpty(summary) ? "." : $": {summary}");
        return new RequestFailedException(response.Status, text, code, null);
    }

    internal static (string? Code, string? Message) ParseBody(Response response)
    {
        var body = response.Content;
        if (body is null || body.ToMemory().IsEmpty)
        {
            return (null, null);
        }

        try
        {
            var span = body.ToMemory().Span;
            if (span[0] == (byte)'{')
            {
                // Tables: {"odata.error":{"code":"...","message":{"lang":"en-US","value":"..."}}}
                using var json = JsonDocument.Parse(body.ToMemory());
                if (json.RootElement.TryGetProperty("odata.error", out var error))
                {
                    var message = error.TryGetProperty("message", out var m)
                        ? m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.GetString()
                        : null;
                    return (error.TryGetProperty("code", out var c) ? c.GetString() : null, message);
                }

                return (null, null);
            }

            // Blobs and queues: <Error><Code>...</Code><Message>...</Message></Error>
            var xml = XDocument.Parse(body.ToString());
            return (xml.Root?.Element("Code")?.Value, xml.Root?.Element("Message")?.Value);
        }
        catch (Exception e) when (e is JsonException or System.Xml.XmlException or InvalidOperationException)
        {
            return (null, null);
        }
    }
}
