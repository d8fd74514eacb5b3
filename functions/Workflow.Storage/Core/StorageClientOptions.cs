using Azure.Core;

namespace Workflow.Storage;

/// <summary>Options shared by the table, blob and queue clients: retries and diagnostics come from <see cref="ClientOptions"/>.</summary>
public sealed class StorageClientOptions : ClientOptions
{
    // Added once here, not per client: options are shared by every client an account hands out.
    public StorageClientOptions()
    {
        Diagnostics.LoggedHeaderNames.Add("x-ms-request-id");
        Diagnostics.LoggedHeaderNames.Add("x-ms-error-code");
    }

    /// <summary>The REST API version sent as <c>x-ms-version</c>; pinned to one Azurite and Azure both accept.</summary>
    public string ServiceVersion { get; set; } = "2025-11-05";

    /// <summary>Tables only: sign with SharedKeyLite instead of SharedKey.</summary>
    public bool UseSharedKeyLite { get; set; }

    /// <summary>Queues only: how message bodies are written into the XML envelope; Base64 lets any bytes and text round-trip.</summary>
    public Queues.QueueMessageEncoding MessageEncoding { get; set; } = Queues.QueueMessageEncoding.Base64;
}
