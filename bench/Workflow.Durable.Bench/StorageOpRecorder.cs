using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;
using Workflow.Testing;

namespace Workflow.Durable.Bench;

/// <summary>
/// A pipeline policy that records every storage request sent (per attempt, so retries count), and how many
/// are in flight at once. Azurite serves tables, queues and blobs on separate ports with the account as the
/// first path segment; that is how a request's service and shape are told apart.
/// </summary>
internal sealed partial class StorageOpRecorder(AzuriteProcess azurite) : HttpPipelinePolicy
{
    private ConcurrentQueue<StorageOp> _ops = new();
    private int _inFlight;
    private int _peakInFlight;

    /// <summary>The most requests that were in flight at once since the last <see cref="Take"/>.</summary>
    public int PeakInFlight => Volatile.Read(ref _peakInFlight);

    /// <summary>Returns what was recorded since the last call, oldest first, and starts afresh.</summary>
    public IReadOnlyList<StorageOp> Take()
    {
        var taken = Interlocked.Exchange(ref _ops, new ConcurrentQueue<StorageOp>());
        Volatile.Write(ref _peakInFlight, Volatile.Read(ref _inFlight));
        return [.. taken.OrderBy(op => op.StartedAt)];
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var started = Enter();
        try
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        finally
        {
            Leave(message, started);
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var started = Enter();
        try
        {
            ProcessNext(message, pipeline);
        }
        finally
        {
            Leave(message, started);
        }
    }

    private long Enter()
    {
        var now = Interlocked.Increment(ref _inFlight);
        var peak = Volatile.Read(ref _peakInFlight);
        while (now > peak && Interlocked.CompareExchange(ref _peakInFlight, now, peak) != peak)
        {
            peak = Volatile.Read(ref _peakInFlight);
        }

        return Stopwatch.GetTimestamp();
    }

    private void Leave(HttpMessage message, long started)
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        Interlocked.Decrement(ref _inFlight);
        var request = message.Request;
        var uri = request.Uri.ToUri();
        var (kind, target) = Classify(request, uri);
        var requestBytes = request.Content is { } content && content.TryComputeLength(out var length) ? length : 0;
        var buffered = message.HasResponse && message.Response.ContentStream is MemoryStream;
        var items = (kind, buffered) switch
        {
            (StorageOpKind.QueueReceive, true) => Occurrences(message.Response.Content.ToString(), "<QueueMessage>"),
            (StorageOpKind.TableQuery, true) => Occurrences(message.Response.Content.ToString(), "\"odata.etag\""),
            _ => 0,
        };
        var responseBytes = buffered ? message.Response.ContentStream!.Length : 0;
        _ops.Enqueue(new StorageOp(kind, target, started, elapsed, requestBytes, responseBytes, items, message.HasResponse ? message.Response.Status : 0, uri));
    }

    private (StorageOpKind Kind, string Target) Classify(Request request, Uri uri)
    {
        // "/devstoreaccount1/{resource}[/...]": drop the account.
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray();
        var method = request.Method;
        var first = segments.FirstOrDefault() ?? string.Empty;
        if (uri.Port == azurite.TablePort)
        {
            var paren = first.IndexOf('(', StringComparison.Ordinal);
            var table = paren < 0 ? first : first[..paren];
            var addressesEntity = paren >= 0 && first.Length > paren + 2;
            return (first, method.Method) switch
            {
                ("$batch", "POST") => (StorageOpKind.TableBatch, BatchTable(request)),
                (_, "GET") when !addressesEntity => (StorageOpKind.TableQuery, table),
                (_, "GET") => (StorageOpKind.TableGet, table),
                (_, "POST") when table != "Tables" => (StorageOpKind.TableInsert, table),
                (_, "PUT") when request.Headers.Contains("If-Match") => (StorageOpKind.TableReplace, table),
                (_, "PUT") => (StorageOpKind.TableUpsert, table),
                (_, "PATCH" or "MERGE") => (StorageOpKind.TableMerge, table),
                (_, "DELETE") => (StorageOpKind.TableDelete, table),
                _ => (StorageOpKind.Other, table),
            };
        }

        if (uri.Port == azurite.QueuePort)
        {
            var onMessages = segments.Length >= 2 && segments[1] == "messages";
            var oneMessage = segments.Length == 3;
            return (onMessages, oneMessage, method.Method) switch
            {
                (true, false, "POST") => (StorageOpKind.QueueSend, first),
                (true, false, "GET") when !uri.Query.Contains("peekonly=true", StringComparison.OrdinalIgnoreCase) => (StorageOpKind.QueueReceive, first),
                (true, true, "DELETE") => (StorageOpKind.QueueDelete, first),
                (true, true, "PUT") => (StorageOpKind.QueueUpdate, first),
                _ => (StorageOpKind.QueueOther, first),
            };
        }

        var isBlob = uri.Port == azurite.BlobPort && segments.Length >= 2;
        return (isBlob, method.Method) switch
        {
            (true, "PUT") => (StorageOpKind.BlobUpload, first),
            (true, "GET") => (StorageOpKind.BlobDownload, first),
            (true, _) => (StorageOpKind.BlobOther, first),
            _ => (StorageOpKind.Other, first),
        };
    }

    // A batch names its table in each part's request line: "PUT http://…/devstoreaccount1/{table}(PartitionKey=…".
    private static string BatchTable(Request request)
    {
        using var body = new MemoryStream();
        request.Content?.WriteTo(body, CancellationToken.None);
        var match = BatchPartTable().Match(Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length));
        return match.Success ? match.Groups[1].Value : "$batch";
    }

    [GeneratedRegex(@"^(?:POST|PUT|PATCH|MERGE|DELETE|GET) \S*/([A-Za-z][A-Za-z0-9]*)(?:\(| )", RegexOptions.Multiline)]
    private static partial Regex BatchPartTable();

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
