using System.Security.Claims;
using Workflow.Domain.Campaigns;
using Microsoft.DurableTask.Client;
using Workflow.App.Identity;

namespace Workflow.App.Campaigns;

/// <summary>
/// The county office's commands to a running campaign: advance the open phase (after its gates, or past them with a
/// CountyAdmin's written reason) and start the phase awaiting its date early. Each is raised with an id made of the
/// phase it acts on, so a double click or a replayed request acts once. The gates checked here are the fast answer;
/// the orchestration checks the phase and the gates again as it takes the advance, and that check decides.
/// </summary>
public sealed class CampaignCommands(CampaignReader reader, DurableTaskClient client, TimeProvider time)
{
    public const int MaxReasonLength = 500;

    public async Task<CommandOutcome> AdvanceAsync(string countyCode, int year, string? from, bool overrideGates, string? reason, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        if (await reader.FindAsync(countyCode, year, cancellationToken).ConfigureAwait(false) is not var (input, progress, completed))
        {
            return CommandOutcome.Of(StatusCodes.Status404NotFound, "该县该年度的脱贫攻坚尚未启动。");
        }

        var plan = input.Plan;
        if (completed || progress is null)
        {
            return CommandOutcome.Of(StatusCodes.Status409Conflict, completed ? "年度脱贫攻坚已结束。" : "攻坚编排尚未就绪，请稍后再试。");
        }

        var current = plan.Phases[CampaignGates.IndexOf(plan, progress.PhaseKey)];
        if (string.IsNullOrWhiteSpace(from) || plan.Phases.All(p => p.Key != from))
        {
            return CommandOutcome.Of(StatusCodes.Status400BadRequest, "请指明要结束的阶段。");
        }

        if (from != current.Key || !progress.Open)
        {
            var named = plan.Phases.First(p => p.Key == from).Name;
            return CommandOutcome.Of(StatusCodes.Status409Conflict,
                from != current.Key ? $"“{named}”不是当前阶段（当前：“{current.Name}”），可能已被推进。" : $"“{named}”尚未开始，不能推进。");
        }

        var gates = await reader.CheckGatesAsync(plan, from, null, cancellationToken).ConfigureAwait(false);
        var blockers = gates.SelectMany(g => g.Blockers.Select(b => $"{g.Condition}——{b}")).ToList();
        reason = reason?.Trim();
        if (blockers.Count > 0 && !overrideGates)
        {
            return new CommandOutcome(StatusCodes.Status409Conflict, "推进条件未满足，不能推进。", gates, blockers);
        }

        if (blockers.Count > 0)
        {
            if (!user.IsInRole(CountyRoles.CountyAdmin))
            {
                return new CommandOutcome(StatusCodes.Status403Forbidden, "只有县扶贫办负责人可以强制推进。", gates, blockers);
            }

            if (reason is not { Length: > 0 and <= MaxReasonLength })
            {
                return new CommandOutcome(StatusCodes.Status400BadRequest, $"强制推进须填写理由（不超过 {MaxReasonLength} 字）。", gates, blockers);
            }
        }

        var command = new AdvanceCommand(from, Actor(user), RoleOf(user), time.GetUtcNow(), blockers.Count > 0 ? reason : null, blockers, progress.RefusedAdvances);
        await client.RaiseEventAsync(CampaignKeys.InstanceId(countyCode, year), CampaignEvents.Advance, command, cancellationToken).ConfigureAwait(false);
        var next = plan.Phases.SkipWhile(p => p.Key != from).Skip(1).FirstOrDefault();
        return new CommandOutcome(StatusCodes.Status202Accepted,
            next is null ? $"已提交：结束“{current.Name}”，年度攻坚完成。" : $"已提交：结束“{current.Name}”，推进到“{next.Name}”。", gates, blockers);
    }

    public async Task<CommandOutcome> StartPhaseAsync(string countyCode, int year, string? phase, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await reader.FindAsync(countyCode, year, cancellationToken).ConfigureAwait(false) is not var (input, progress, completed))
        {
            return CommandOutcome.Of(StatusCodes.Status404NotFound, "该县该年度的脱贫攻坚尚未启动。");
        }

        if (completed || progress is null || progress.PhaseKey != phase || progress.Open)
        {
            return CommandOutcome.Of(StatusCodes.Status409Conflict, "该阶段不是待启动的阶段。");
        }

        await client.RaiseEventAsync(CampaignKeys.InstanceId(countyCode, year), CampaignEvents.StartPhase,
            new StartPhaseCommand(phase, Actor(user), time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return CommandOutcome.Of(StatusCodes.Status202Accepted, $"已提前启动“{input.Plan.Phases.First(p => p.Key == phase).Name}”。");
    }

    private static string Actor(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    private static string RoleOf(ClaimsPrincipal user) => user.IsInRole(CountyRoles.CountyAdmin) ? CountyRoles.CountyAdmin : CountyRoles.CountyOfficer;
}

/// <summary>What a command did: an HTTP status, the zh-CN message, and for an advance the gates checked and every blocker.</summary>
public sealed record CommandOutcome(int Status, string Message, IReadOnlyList<GateCheck> Gates, IReadOnlyList<string> Blockers)
{
    public bool Accepted => Status == StatusCodes.Status202Accepted;

    public static CommandOutcome Of(int status, string message) => new(status, message, [], []);
}
