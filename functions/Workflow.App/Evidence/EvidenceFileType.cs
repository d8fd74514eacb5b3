namespace Workflow.App.Evidence;

/// <summary>
/// The file types accepted as evidence (佐证材料), recognised by their first bytes (magic numbers), not by the file's name
/// or the type the browser declares: phone browsers send a photo as application/octet-stream or with no type at all,
/// and a renamed file keeps its content.
/// </summary>
public sealed record EvidenceFileType(string ContentType, string Extension)
{
    public static readonly EvidenceFileType Jpeg = new("image/jpeg", ".jpg");
    public static readonly EvidenceFileType Png = new("image/png", ".png");
    public static readonly EvidenceFileType Pdf = new("application/pdf", ".pdf");

    /// <summary>Bytes needed to recognise any accepted type.</summary>
    public const int SignatureLength = 8;

    public static EvidenceFileType? Detect(ReadOnlySpan<byte> header) =>
        header.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? Jpeg
        : header.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? Png
        : header.StartsWith("%PDF-"u8) ? Pdf
        : null;
}
