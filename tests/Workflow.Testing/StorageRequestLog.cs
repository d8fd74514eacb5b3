using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace Workflow.Testing;

/// <summary>
/// Every request a storage account's clients send, as method and unescaped path, for tests that count what a piece of
/// code asks of storage (reads it should no longer make, writes it should batch).
/// </summary>
public sealed class StorageRequestLog : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentQueue<(string Method, string Path)> _requests = new();

    /// <summary>The SDK's table service on <paramref name="connectionString"/>, every request logged here.</summary>
    public TableServiceClient Tables(string connectionString)
    {
        var options = new TableClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerCall);
        return new TableServiceClient(connectionString, options);
    }

    /// <summary>How many requests had this method and a path containing <paramref name="pathPart"/>.</summary>
    public int Count(string method, string pathPart) =>
        _requests.Count(r => r.Method == method && r.Path.Contains(pathPart, StringComparison.Ordinal));

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _requests.Enqueue((message.Request.Method.Method, Uri.UnescapeDataString(message.Request.Uri.Path)));
    }
}
