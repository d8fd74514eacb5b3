namespace Workflow.App.Links;

/// <summary>
/// The keys that sign capability links, by key id. The current id signs; every id still listed verifies,
/// so a key is rotated by adding a new id, making it current, and removing the old one once its links
/// have expired. On Azure the keys come from Key Vault references in app settings.
/// </summary>
public sealed class LinkSigningOptions
{
    public const string Section = "Links";

    /// <summary>Key id → base64 key (at least 32 bytes).</summary>
    public Dictionary<string, string> Keys { get; init; } = [];

    public string CurrentKeyId { get; set; } = string.Empty;

    /// <summary>How long a new link lives unless the caller says otherwise.</summary>
    public TimeSpan DefaultLifetime { get; set; } = TimeSpan.FromHours(72);
}
