namespace Workflow.Functions.Campaigns;

/// <summary>The external events of a campaign orchestration and the ids that make raising them idempotent.</summary>
public static class CampaignEvents
{
    public const string Advance = "Advance";
    public const string StartPhase = "StartPhase";

    /// <summary>
    /// One id per phase left and attempt: a double click or a replayed request is one advance; after the orchestration
    /// refused an attempt (its gates failed when it took it) the next one has a new id.
    /// </summary>
    public static string AdvanceId(string fromPhase, int attempt) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"advance-{fromPhase}-{attempt}");

    public static string StartId(string phase) => $"start-{phase}";
}

/// <summary>
/// 推进: the office closes <paramref name="From"/> and enters the next phase. The orchestration acts only when
/// <paramref name="From"/> is its open phase, so a late duplicate does nothing, and checks the gates again as it takes
/// the command: that check is the one that counts.
/// </summary>
/// <param name="OverrideReason">Set when a CountyAdmin advanced past failing gates; <paramref name="Overridden"/> lists what they blocked on
/// (as the request saw them; the orchestration records what they blocked on when it took the command).</param>
public sealed record AdvanceCommand(string From, string Actor, string Role, DateTimeOffset At, string? OverrideReason, IReadOnlyList<string> Overridden);

/// <summary>提前启动: the office starts the phase awaiting its start date now.</summary>
public sealed record StartPhaseCommand(string Phase, string Actor, DateTimeOffset At);
