namespace Workflow.App.Evidence;

public sealed class EvidenceOptions
{
    public const string Section = "Evidence";

    public long MaxBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>How long a viewing link works: long enough to open it, short enough that a forwarded link dies.</summary>
    public TimeSpan ReadLinkLifetime { get; set; } = TimeSpan.FromMinutes(10);
}
