using System.Net;
using Azure.Core.Pipeline;
using Workflow.Storage.Queues.Models;
using Workflow.Storage.Tables;

namespace Workflow.Storage.Bench;

/// <summary>
/// Before anything is timed: makes each benchmarked call once through the client and once through the baseline,
/// records both requests at the socket handler, and compares them — method, URL, HTTP version, every header name
/// in order, every header value except the per-request ones (x-ms-date, Authorization, x-ms-client-request-id),
/// and the body bytes. The baseline must also never be refused for its signature (401/403).
/// </summary>
internal static class WireCheck
{
    private const string Table = "wirecheck";
    private const string Queue = "wirecheck";

    private static readonly HashSet<string> PerRequestHeaders =
        new(["x-ms-date", "Authorization", "x-ms-client-request-id"], StringComparer.OrdinalIgnoreCase);

    /// <returns>Whether every request matches, and the client's exchange for each operation (for <see cref="ReplayProfile"/>).</returns>
    public static async Task<(bool Identical, IReadOnlyDictionary<string, RecordedExchange> ClientExchanges)> RunAsync(
        string connectionString, StorageAccount setup)
    {
        await setup.GetTableClient(Table).CreateAsync();
        await setup.GetQueueClient(Queue).CreateIfNotExistsAsync();

        var clientWire = new RecordingHandler();
        var options = new StorageClientOptions { Transport = new HttpClientTransport(clientWire) };
        var account = StorageAccount.FromConnectionString(connectionString, options);
        var table = account.GetTableClient(Table);
        var queue = account.GetQueueClient(Queue);
        var baselineWire = new RecordingHandler();
        using var baseline = new RawStorageCaller(connectionString, baselineWire);

        QueueMessage? received = null;
        var steps = new (string Name, Func<Task> Client, Func<Task> Baseline)[]
        {
            // The baseline repeats the client's call on the same resource, so some of its answers are refusals
            // (409 for the second insert, 404 for the second delete): the requests are what is compared.
            ("table insert", () => table.AddEntityAsync(BenchEntity.Create(0)), () => baseline.InsertEntityAsync(Table, BenchEntity.Json(0))),
            ("table upsert (replace)", () => table.UpsertEntityAsync(BenchEntity.Create(0), TableUpdateMode.Replace),
                () => baseline.UpsertReplaceEntityAsync(Table, BenchEntity.PartitionKey, BenchEntity.RowKey(0), BenchEntity.Json(0))),
            ("table point read", () => table.GetEntityAsync(BenchEntity.PartitionKey, BenchEntity.RowKey(0)),
                () => baseline.GetEntityAsync(Table, BenchEntity.PartitionKey, BenchEntity.RowKey(0))),
            ("queue send", () => queue.SendMessageAsync(BenchMessage.Text(0)), () => baseline.SendMessageAsync(Queue, BenchMessage.Text(0))),
            ("queue receive", async () => received = (await queue.ReceiveMessagesAsync(maxMessages: 1)).Value.Single(),
                () => baseline.ReceiveMessageAsync(Queue)),
            ("queue delete", () => queue.DeleteMessageAsync(received!.MessageId, received.PopReceipt),
                () => baseline.DeleteMessageAsync(Queue, received!.MessageId, received.PopReceipt)),
        };

        var allMatch = true;
        var exchanges = new Dictionary<string, RecordedExchange>(StringComparer.Ordinal);
        Console.WriteLine("Wire check (client request vs baseline request, recorded at the socket handler):");
        foreach (var (name, client, raw) in steps)
        {
            await client();
            try
            {
                await raw();
            }
            catch (HttpRequestException e) when (e.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
            {
                // An expected refusal of the repeated call; the status is checked below.
            }

            exchanges[name] = clientWire.Last;
            var differences = Compare(clientWire.Last, baselineWire.Last);
            allMatch &= differences.Count == 0;
            var sent = clientWire.Last;
            Console.WriteLine(differences.Count == 0
                ? $"  {name,-24} identical: {sent.Method} {new Uri(sent.Uri).PathAndQuery}, {sent.Headers.Count} headers, {sent.Body.Length}-byte body " +
                  $"(client {sent.Status}, baseline {baselineWire.Last.Status})"
                : $"  {name,-24} DIFFERENT:\n    " + string.Join("\n    ", differences));
        }

        await setup.GetTableClient(Table).DeleteAsync();
        await setup.GetQueueClient(Queue).DeleteAsync();
        return (allMatch, exchanges);
    }

    private static List<string> Compare(RecordedExchange client, RecordedExchange baseline)
    {
        var differences = new List<string>();
        if (client.Method != baseline.Method || client.Uri != baseline.Uri || client.Version != baseline.Version)
        {
            differences.Add($"request line: client {client.Method} {client.Uri} HTTP/{client.Version}, baseline {baseline.Method} {baseline.Uri} HTTP/{baseline.Version}");
        }

        var count = Math.Max(client.Headers.Count, baseline.Headers.Count);
        for (var i = 0; i < count; i++)
        {
            var c = i < client.Headers.Count ? client.Headers[i] : default;
            var b = i < baseline.Headers.Count ? baseline.Headers[i] : default;
            var sameName = string.Equals(c.Name, b.Name, StringComparison.OrdinalIgnoreCase);
            if (!sameName || (!PerRequestHeaders.Contains(c.Name) && c.Value != b.Value))
            {
                differences.Add($"header #{i + 1}: client '{c.Name}: {c.Value}', baseline '{b.Name}: {b.Value}'");
            }
        }

        if (!client.Body.AsSpan().SequenceEqual(baseline.Body))
        {
            differences.Add($"body: client {client.Body.Length} bytes, baseline {baseline.Body.Length} bytes, or the bytes differ");
        }

        if (baseline.Status is 401 or 403)
        {
            differences.Add($"the baseline's signature was refused ({baseline.Status})");
        }

        return differences;
    }
}
