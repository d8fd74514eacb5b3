using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Azure;
using Azure.Core;

namespace Workflow.Storage.Tables;

/// <summary>
/// The wire form of an entity group transaction: a <c>multipart/mixed</c> <c>$batch</c> request holding one
/// changeset of HTTP requests, and its multipart response holding one HTTP response per operation, or a
/// single error response naming the operation that failed.
/// </summary>
internal static partial class TableTransactionBatch
{
    private const string Crlf = "\r\n";

    /// <summary>Checks the transaction rules and writes the request body; throws before anything is sent.</summary>
    public static (string ContentType, byte[] Body) Write(string tableUrl, IReadOnlyList<TableTransactionAction> actions)
    {
        Validate(actions);
        var batch = $"batch_{Guid.NewGuid():D}";
        var changeset = $"changeset_{Guid.NewGuid():D}";
        using var body = new MemoryStream();
        Append(body, $"--{batch}{Crlf}Content-Type: multipart/mixed; boundary={changeset}{Crlf}{Crlf}");
        foreach (var action in actions)
        {
            var entity = action.Entity;
            var entityUrl = tableUrl + TableClient.EntityKeyPath(entity.PartitionKey, entity.RowKey);
            var ifMatch = IfMatch(action);
            var (method, url, condition) = action.ActionType switch
            {
                TableTransactionActionType.Add => ("POST", tableUrl, null),
                TableTransactionActionType.UpsertMerge => ("PATCH", entityUrl, null),
                TableTransactionActionType.UpsertReplace => ("PUT", entityUrl, null),
                TableTransactionActionType.UpdateMerge => ("PATCH", entityUrl, ifMatch),
                TableTransactionActionType.UpdateReplace => ("PUT", entityUrl, ifMatch),
                _ => ("DELETE", entityUrl, ifMatch),
            };

            Append(body, $"--{changeset}{Crlf}Content-Type: application/http{Crlf}Content-Transfer-Encoding: binary{Crlf}{Crlf}");
            Append(body, $"{method} {url} HTTP/1.1{Crlf}Accept: {TableClient.AcceptJson}{Crlf}DataServiceVersion: 3.0{Crlf}");
            if (condition is not null)
            {
                Append(body, $"If-Match: {condition}{Crlf}");
            }

            if (action.ActionType == TableTransactionActionType.Delete)
            {
                Append(body, Crlf);
            }
            else
            {
                Append(body, $"Content-Type: application/json{Crlf}");
                if (action.ActionType == TableTransactionActionType.Add)
                {
                    Append(body, $"Prefer: return-no-content{Crlf}");
                }

                Append(body, Crlf);
                body.Write(TableEntityJson.Serialize(entity));
                Append(body, Crlf);
            }
        }

        Append(body, $"--{changeset}--{Crlf}--{batch}--{Crlf}");
        if (body.Length > TableLimits.MaxTransactionBodySize)
        {
            throw new ArgumentException(
                $"The transaction's request is {body.Length} bytes: an entity group transaction may be at most 4 MiB ({TableLimits.MaxTransactionBodySize} bytes).",
                nameof(actions));
        }

        return ($"multipart/mixed; boundary={batch}", body.ToArray());
    }

    /// <summary>The operations' responses in order, or the transaction's failure as an exception.</summary>
    public static IReadOnlyList<Response> Read(Response response, IReadOnlyList<TableTransactionAction> actions)
    {
        var parts = new List<TableTransactionPartResponse>();
        ReadMultipart(
            response.Headers.ContentType ?? throw new InvalidDataException("The $batch response has no Content-Type."),
            response.Content.ToString(),
            parts);

        var failed = parts.FirstOrDefault(part => part.Status >= 400);
        if (failed is not null)
        {
            throw Failure(failed, actions);
        }

        if (parts.Count != actions.Count)
        {
            throw new InvalidDataException($"The $batch response holds {parts.Count} responses for {actions.Count} operations.");
        }

        return parts;
    }

    // An entity read from the service carries its ETag, so updating or deleting it stays conditional on the
    // version that was read unless the action says otherwise; a freshly built entity has none and means "any".
    private static string IfMatch(TableTransactionAction action)
    {
        var etag = action.ETag != default ? action.ETag : action.Entity.ETag;
        return (etag == default ? ETag.All : etag).ToString("H");
    }

    private static void Validate(IReadOnlyList<TableTransactionAction> actions)
    {
        if (actions.Count == 0)
        {
            throw new ArgumentException("An entity group transaction needs at least one action.", nameof(actions));
        }

        if (actions.Count > TableLimits.MaxTransactionActions)
        {
            throw new ArgumentException(
                $"The transaction has {actions.Count} actions: an entity group transaction may have at most {TableLimits.MaxTransactionActions}.",
                nameof(actions));
        }

        var partitionKey = actions[0].Entity.PartitionKey;
        var rows = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < actions.Count; i++)
        {
            var entity = actions[i].Entity;
            if (!string.Equals(entity.PartitionKey, partitionKey, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"Action {i} is in another partition than action 0: an entity group transaction addresses one partition only.",
                    nameof(actions));
            }

            if (!rows.TryAdd(entity.RowKey, i))
            {
                throw new ArgumentException(
                    $"Actions {rows[entity.RowKey]} and {i} address the same row: an entity group transaction may touch each entity once.",
                    nameof(actions));
            }
        }
    }

    private static TableTransactionFailedException Failure(TableTransactionPartResponse failed, IReadOnlyList<TableTransactionAction> actions)
    {
        var (code, message) = StorageErrors.ParseBody(failed);
        var firstLine = message?.Split('\n')[0].Trim() ?? failed.ReasonPhrase;

        // Azure prefixes the message with the failed operation's zero-based index ("1:The specified entity
        // already exists."); Azurite does too, and also numbers the failed part with a one-based Content-ID.
        int? index = null;
        var prefix = IndexPrefix().Match(firstLine);
        if (prefix.Success)
        {
            index = int.Parse(prefix.Groups[1].Value, CultureInfo.InvariantCulture);
            firstLine = firstLine[prefix.Length..];
        }
        else if (failed.Headers.TryGetValue("Content-ID", out var contentId) &&
                 int.TryParse(contentId, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            index = number - 1;
        }

        if (index < 0 || index >= actions.Count)
        {
            index = null;
        }

        var operation = index is { } i ? $"action {i} ({actions[i].ActionType})" : "the transaction";
        return new TableTransactionFailedException(
            failed.Status,
            $"Table storage refused {operation} with {failed.Status} ({code ?? failed.ReasonPhrase}): {firstLine} No action of the transaction was applied.",
            code,
            index);
    }

    // A multipart body may nest: the batch holds a changeset, the changeset the HTTP responses.
    private static void ReadMultipart(string contentType, string body, List<TableTransactionPartResponse> parts)
    {
        var boundary = Boundary().Match(contentType);
        if (!boundary.Success)
        {
            throw new InvalidDataException($"The $batch response part '{contentType}' has no multipart boundary.");
        }

        var delimiter = "--" + boundary.Groups[1].Value.Trim('"');
        foreach (var part in body.Split(delimiter).Skip(1))
        {
            if (part.StartsWith("--", StringComparison.Ordinal))
            {
                break;
            }

            var (headers, content) = SplitHeaders(part.TrimStart('\r', '\n'));
            var partType = headers.FirstOrDefault(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value ?? string.Empty;
            if (partType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
            {
                ReadMultipart(partType, content, parts);
            }
            else
            {
                parts.Add(ReadHttpResponse(content));
            }
        }
    }

    private static TableTransactionPartResponse ReadHttpResponse(string text)
    {
        var lineEnd = text.IndexOf('\n', StringComparison.Ordinal);
        var statusLine = (lineEnd < 0 ? text : text[..lineEnd]).Trim().Split(' ', 3);
        if (statusLine.Length < 2 || !statusLine[0].StartsWith("HTTP/", StringComparison.Ordinal) ||
            !int.TryParse(statusLine[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            throw new InvalidDataException("A $batch response part does not start with an HTTP status line.");
        }

        var (headers, content) = lineEnd < 0 ? ([], string.Empty) : SplitHeaders(text[(lineEnd + 1)..]);
        return new TableTransactionPartResponse(
            status,
            statusLine.Length > 2 ? statusLine[2] : string.Empty,
            headers,
            BinaryData.FromString(content.TrimEnd('\r', '\n')));
    }

    // Headers up to the first empty line (CRLF or bare LF), then the content.
    private static (List<HttpHeader> Headers, string Content) SplitHeaders(string text)
    {
        var headers = new List<HttpHeader>();
        var position = 0;
        while (position < text.Length)
        {
            var end = text.IndexOf('\n', position);
            var line = (end < 0 ? text[position..] : text[position..end]).TrimEnd('\r');
            position = end < 0 ? text.Length : end + 1;
            if (line.Length == 0)
            {
                break;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers.Add(new HttpHeader(line[..colon].Trim(), line[(colon + 1)..].Trim()));
            }
        }

        return (headers, text[position..]);
    }

    private static void Append(MemoryStream body, string text) => body.Write(Encoding.UTF8.GetBytes(text));

    [GeneratedRegex(@"^(\d+):")]
    private static partial Regex IndexPrefix();

    [GeneratedRegex(@"boundary=([^;\s]+)", RegexOptions.IgnoreCase)]
    private static partial Regex Boundary();
}
