using Azure;

namespace Workflow.Storage.Blobs.Models;

/// <summary>Optimistic concurrency for a blob write: <c>IfNoneMatch = ETag.All</c> creates only, <c>IfMatch</c> replaces only that version.</summary>
public sealed class BlobRequestConditions
{
    /// <summary>Write only if the blob's current ETag is this one (412 otherwise).</summary>
    public ETag? IfMatch { get; set; }

    /// <summary><see cref="ETag.All"/>: write only if the blob does not exist yet (409 otherwise).</summary>
    public ETag? IfNoneMatch { get; set; }
}
