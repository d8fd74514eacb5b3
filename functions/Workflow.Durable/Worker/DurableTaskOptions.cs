using System.Text;

namespace Workflow.Durable;

/// <summary>Settings shared by the worker and the client of one task hub.</summary>
public sealed class DurableTaskOptions
{
    /// <summary>
    /// Signs every queue message so a tampered or foreign message is quarantined, not executed. Set it from
    /// Key Vault on Azure; the default is for local runs and tests only.
    /// </summary>
    public byte[] MessageSigningKey { get; set; } = Encoding.UTF8.GetBytes("workflow-durable-development-key");

    /// <summary>A message delivered this many times without being completed goes to the quarantine.</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>How long a taken control message stays hidden; a crashed worker's messages reappear after it.</summary>
    public TimeSpan ControlVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a taken activity message stays hidden; longer than the longest activity.</summary>
    public TimeSpan ActivityVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public int MaxConcurrentOrchestrations { get; set; } = 32;

    /// <summary>Activities run at once; an activity's slot also runs the step that applies its outcome (when it is applied where it ran).</summary>
    public int MaxConcurrentActivities { get; set; } = 32;

    /// <summary>Idle polling backs off from the minimum to the maximum interval.</summary>
    public TimeSpan MinPollInterval { get; set; } = TimeSpan.FromMilliseconds(10);
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Histories kept in memory between steps (as extended sessions do); bounds the worker's memory.</summary>
    public int HistoryCacheSize { get; set; } = 2000;

    /// <summary>The largest input, output or event payload accepted, in UTF-8 bytes. Larger ones are refused up front.</summary>
    public int MaxPayloadBytes { get; set; } = 4 * 1024 * 1024;
}
