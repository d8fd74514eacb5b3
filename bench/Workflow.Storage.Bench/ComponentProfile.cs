using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Azure.Core;
using Azure.Core.Pipeline;
using Workflow.Storage.Queues;
using Workflow.Storage.Tables;

namespace Workflow.Storage.Bench;

/// <summary>
/// The client's extra cost per call taken apart: each piece of its work timed alone (one thread, CPU time, allocations),
/// next to what the hand-rolled baseline does for the same piece where it does it at all.
/// </summary>
internal static class ComponentProfile
{
    public static async Task RunAsync(string connectionString, IReadOnlyDictionary<string, RecordedExchange> answers, int calls, int rounds)
    {
        var account = StorageConnectionString.Parse(connectionString);
        var replay = new ReplayHandler { Answer = answers["queue delete"] };
        var pipeline = HttpPipelineBuilder.Build(new StorageClientOptions { Transport = new HttpClientTransport(replay) });
        using var http = new HttpClient(replay);
        var emptyGet = new Uri(account.QueueEndpoint, "wirecheck/messages");

        var queueSigning = ReceiveMessage(account);
        var queuePolicy = new SharedKeyAuthenticationPolicy(account.Credential, StorageService.Queue, lite: false);
        var tableSigning = GetEntityMessage(account);
        var tablePolicy = new SharedKeyAuthenticationPolicy(account.Credential, StorageService.Table, lite: false);
        var version = new StorageClientOptions().ServiceVersion;
        var requestId = Guid.NewGuid().ToString();
        var queueResource = $"/{account.AccountName}{emptyGet.AbsolutePath}\nnumofmessages:1";
        var tableResource = $"/{account.AccountName}{tableSigning.Request.Uri.Path}";

        var entityJson = answers["table point read"].ResponseBody;
        var receivedXml = answers["queue receive"].ResponseBody;
        var sentXml = answers["queue send"].ResponseBody;

        var pieces = new (string Piece, Func<int, Task> Client, Func<int, Task>? Baseline)[]
        {
            ("transport: empty GET, 204", async _ =>
            {
                using var message = pipeline.CreateMessage();
                message.Request.Method = RequestMethod.Get;
                message.Request.Uri.Reset(emptyGet);
                await pipeline.SendAsync(message, CancellationToken.None);
            }, async _ =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, emptyGet);
                using var response = await http.SendAsync(request);
            }),
            ("sign: queue (x-ms-date, SharedKey)", Sync(_ => queuePolicy.OnSendingRequest(queueSigning)), Sync(n =>
            {
                var date = DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture);
                _ = account.Credential.Sign(RawStorageCaller.QueueStringToSign("GET", 0, requestId, date, version, queueResource));
            })),
            ("sign: table (x-ms-date, SharedKey)", Sync(_ => tablePolicy.OnSendingRequest(tableSigning)), Sync(n =>
            {
                var date = DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture);
                _ = account.Credential.Sign(RawStorageCaller.TableStringToSign("GET", string.Empty, date, tableResource));
            })),
            ("table: entity -> JSON body", Sync(i => TableEntityJson.Serialize(BenchEntity.Create(i))), Sync(i => BenchEntity.Json(i))),
            ("table: JSON body -> entity", Sync(n =>
            {
                using var json = JsonDocument.Parse(entityJson);
                _ = TableEntityJson.Read(json.RootElement);
            }), null),
            ("queue: text -> XML envelope", Sync(i => QueueMessageCodec.Envelope(BinaryData.FromString(BenchMessage.Text(i)), QueueMessageEncoding.Base64, "message")),
                Sync(i => Encoding.UTF8.GetBytes(
                    "<QueueMessage><MessageText>" + Convert.ToBase64String(Encoding.UTF8.GetBytes(BenchMessage.Text(i))) + "</MessageText></QueueMessage>"))),
            ("queue: send answer -> receipt", Sync(_ => ReadMessages(sentXml, withText: false)), null),
            ("queue: receive answer -> message", Sync(_ => ReadMessages(receivedXml, withText: true)), null),
        };

        Console.WriteLine($"The client's work piece by piece (one thread, CPU time; median of {rounds} alternating round(s) of {calls} calls):");
        Console.WriteLine($"{"piece",-36} | {"client us",9} {"KiB",6} | {"baseline us",11} {"KiB",6}");
        Console.WriteLine(new string('-', 77));
        foreach (var (piece, client, baseline) in pieces)
        {
            // Warm-up, then rounds alternating which side goes first.
            await CallTimer.TimeAsync(calls, client);
            if (baseline is not null)
            {
                await CallTimer.TimeAsync(calls, baseline);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
            var clientCosts = new List<CallCost>();
            var baselineCosts = new List<CallCost>();
            for (var round = 0; round < rounds; round++)
            {
                if (baseline is not null && round % 2 == 1)
                {
                    baselineCosts.Add(await CallTimer.TimeAsync(calls, baseline));
                }

                clientCosts.Add(await CallTimer.TimeAsync(calls, client));
                if (baseline is not null && round % 2 == 0)
                {
                    baselineCosts.Add(await CallTimer.TimeAsync(calls, baseline));
                }
            }

            var c = CallTimer.Median(clientCosts);
            var b = baselineCosts.Count > 0 ? CallTimer.Median(baselineCosts) : (CallCost?)null;
            Console.WriteLine(
                $"{piece,-36} | {c.Micros,9:F2} {c.Bytes / 1024,6:F2} | " +
                (b is { } cost ? $"{cost.Micros,11:F2} {cost.Bytes / 1024,6:F2}" : $"{"(none)",11} {string.Empty,6}"));
        }

        Console.WriteLine();
    }

    private static Func<int, Task> Sync(Action<int> action) => i =>
    {
        action(i);
        return Task.CompletedTask;
    };

    // A receive request as the client's pipeline has it when the signing policy runs.
    private static HttpMessage ReceiveMessage(StorageConnectionString account)
    {
        var pipeline = new StoragePipeline(StorageService.Queue, account.QueueEndpoint, account.Credential, new StorageClientOptions());
        var message = pipeline.CreateMessage(RequestMethod.Get, "wirecheck/messages", escape: false);
        message.Request.Uri.AppendQuery("numofmessages", "1");
        message.Request.Headers.SetValue("x-ms-client-request-id", Guid.NewGuid().ToString());
        message.Request.Headers.SetValue("x-ms-return-client-request-id", "true");
        return message;
    }

    // A point read as the table client builds it.
    private static HttpMessage GetEntityMessage(StorageConnectionString account)
    {
        var pipeline = new StoragePipeline(StorageService.Table, account.TableEndpoint, account.Credential, new StorageClientOptions());
        var message = pipeline.CreateMessage(RequestMethod.Get, "wirecheck" + TableClient.EntityKeyPath(BenchEntity.PartitionKey, BenchEntity.RowKey(0)), escape: false);
        message.Request.Headers.SetValue("Accept", TableClient.AcceptJson);
        message.Request.Headers.SetValue("x-ms-client-request-id", Guid.NewGuid().ToString());
        return message;
    }

    // What QueueClient does with a QueueMessagesList answer (XDocument, then one element lookup per field).
    private static int ReadMessages(byte[] xml, bool withText)
    {
        using var stream = new MemoryStream(xml, writable: false);
        var count = 0;
        foreach (var message in XDocument.Load(stream).Root?.Elements("QueueMessage") ?? [])
        {
            _ = message.Element("MessageId")!.Value;
            _ = message.Element("PopReceipt")!.Value;
            foreach (var date in new[] { "InsertionTime", "ExpirationTime", "TimeNextVisible" })
            {
                _ = DateTimeOffset.ParseExact(message.Element(date)!.Value, "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            }

            if (withText)
            {
                _ = Convert.FromBase64String(message.Element("MessageText")!.Value);
                _ = long.Parse(message.Element("DequeueCount")!.Value, CultureInfo.InvariantCulture);
            }

            count++;
        }

        return count;
    }
}
