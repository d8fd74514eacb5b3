namespace Workflow.Storage.Blobs.Models;

/// <summary>The standard HTTP properties stored with a blob and returned when it is downloaded.</summary>
public sealed class BlobHttpHeaders
{
    /// <summary>The MIME type served with the blob, e.g. <c>application/pdf</c> or <c>text/plain; charset=utf-8</c>.</summary>
    public string? ContentType { get; set; }
}
