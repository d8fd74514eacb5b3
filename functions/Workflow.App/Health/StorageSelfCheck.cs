using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Workflow.App.Storage;

namespace Workflow.App.Health;

/// <summary>
/// Proves the service can use each storage service it depends on: writes, reads back and removes one
/// small item in a table, a queue and a blob container reserved for the check.
/// </summary>
public sealed class StorageSelfCheck(TableServiceClient tables, QueueServiceClient queues, BlobServiceClient blobs, ILogger<StorageSelfCheck> logger)
{
    internal const string ResourceName = "selfcheck";

    public async Task<IReadOnlyList<SelfCheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        var probe = Guid.NewGuid().ToString("N");
        return
        [
            await Measure("表存储 Table", async () =>
            {
                var table = tables.Table(ResourceName);
                await table.CreateIfNotExistsAsync(cancellationToken);
                var entity = new TableEntity(ResourceName, probe) { ["检查"] = "自检" };
                await table.AddCheckedAsync(entity, cancellationToken);
                var read = await table.GetEntityAsync<TableEntity>(ResourceName, probe, cancellationToken: cancellationToken);
                await table.DeleteEntityAsync(ResourceName, probe, cancellationToken: cancellationToken);
                return read.Value.GetString("检查") == "自检";
            }),
            await Measure("队列 Queue", async () =>
            {
                var queue = queues.GetQueueClient(BlobRules.QueueName(ResourceName));
                await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                await queue.SendMessageAsync(probe, cancellationToken: cancellationToken);
                var received = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), cancellationToken)).Value;
                foreach (var message in received)
                {
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                }

                return received.Any(m => m.Body.ToString() == probe);
            }),
            await Measure("Blob 存储", async () =>
            {
                var container = blobs.Container(ResourceName);
                await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                var blob = container.GetBlobClient($"{probe}.txt");
                // Content-MD5, which Azurite checks; the SDK's CRC64 is a structured message Azurite does not acknowledge.
                await blob.UploadAsync(BinaryData.FromString("佐证材料自检"), new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = "text/plain; charset=utf-8" },
                    TransferValidation = new UploadTransferValidationOptions { ChecksumAlgorithm = StorageChecksumAlgorithm.MD5 },
                }, cancellationToken);
                var content = await blob.DownloadContentAsync(cancellationToken);
                await blob.DeleteAsync(cancellationToken: cancellationToken);
                return content.Value.Content.ToString() == "佐证材料自检";
            }),
        ];
    }

    private async Task<SelfCheckResult> Measure(string service, Func<Task<bool>> check)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var ok = await check();
            return new SelfCheckResult(service, ok, clock.Elapsed, ok ? null : "读回的内容与写入的不一致");
        }
        // An account that cannot be reached fails every try: the SDK's retry policy then throws them together.
        catch (Exception e) when (e is RequestFailedException or AggregateException or HttpRequestException or IOException)
        {
            logger.LogWarning(e, "Storage self-check failed for {Service}", service);
            return new SelfCheckResult(service, false, clock.Elapsed, e.Message);
        }
    }
}

/// <summary>The outcome of one service's self-check.</summary>
public sealed record SelfCheckResult(string Service, bool Ok, TimeSpan Elapsed, string? Error);
