namespace Workflow.App.Campaigns;

/// <summary>The external events of a campaign orchestration.</summary>
public static class CampaignEvents
{
    public const string Advance = "Advance";
    public const string StartPhase = "StartPhase";
}

/// <summary>
/// 推进: the office closes <paramref name="From"/> and enters the next phase. The orchestration acts only when
/// <paramref name="From"/> is its open phase, so a late duplicate does nothing, and checks the gates again as it takes
/// the command: that check is the one that counts.
/// </summary>
/// <param name="Attempt">How many advances of the phase the orchestration had refused when this one was sent: a double click
/// or a replayed request is one advance, and after a refusal the next attempt counts one more.</param>
/// <param name="OverrideReason">Set when a CountyAdmin advanced past failing gates; <paramref name="Overridden"/> lists what they blocked on
/// (as the request saw them; the orchestration records what they blocked on when it took the command).</param>
public sealed record AdvanceCommand(string From, string Actor, string Role, DateTimeOffset At, string? OverrideReason, IReadOnlyList<string> Overridden, int Attempt = 0);

/// <summary>提前启动: the office starts the phase awaiting its start date now.</summary>
public sealed record StartPhaseCommand(string Phase, string Actor, DateTimeOffset At);
