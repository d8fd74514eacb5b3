using System.Diagnostics;
using Azure;
using Workflow.Storage;
using Workflow.Storage.Blobs.Models;
using Workflow.Storage.Tables;

namespace Workflow.Functions.Health;

/// <summary>
/// Proves the service can use each storage service it depends on: writes, reads back and removes one
/// small item in a table, a queue and a blob container reserved for the check.
/// </summary>
public sealed class StorageSelfCheck(StorageAccount account, ILogger<StorageSelfCheck> logger)
{
    internal const string ResourceName = "selfcheck";

    public async Task<IReadOnlyList<SelfCheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        var probe = Guid.NewGuid().ToString("N");
        return
        [
            await Measure("表存储 Table", async () =>
            {
                var table = account.GetTableClient(ResourceName);
                await table.CreateIfNotExistsAsync(cancellationToken);
                var entity = new TableEntity(ResourceName, probe) { ["检查"] = "自检" };
                await table.AddEntityAsync(entity, cancellationToken);
                var read = await table.GetEntityAsync(ResourceName, probe, cancellationToken: cancellationToken);
                await table.DeleteEntityAsync(ResourceName, probe, cancellationToken: cancellationToken);
                return read.Value.GetString("检查") == "自检";
            }),
            await Measure("队列 Queue", async () =>
            {
                var queue = account.GetQueueClient(ResourceName);
                await queue.CreateIfNotExistsAsync(cancellationToken);
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
                var container = account.GetBlobContainerClient(ResourceName);
                await container.CreateIfNotExistsAsync(cancellationToken);
                var blob = container.GetBlobClient($"{probe}.txt");
                await blob.UploadAsync(BinaryData.FromString("佐证材料自检"), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "text/plain; charset=utf-8" } }, cancellationToken);
                var content = await blob.DownloadContentAsync(cancellationToken);
                await blob.DeleteAsync(cancellationToken);
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
        catch (Exception e) when (e is RequestFailedException or HttpRequestException or IOException)
        {
            logger.LogWarning(e, "Storage self-check failed for {Service}", service);
            return new SelfCheckResult(service, false, clock.Elapsed, e.Message);
        }
    }
}

/// <summary>The outcome of one service's self-check.</summary>
public sealed record SelfCheckResult(string Service, bool Ok, TimeSpan Elapsed, string? Error);
