using System.Text.RegularExpressions;
using Workflow.Domain.Exits;

namespace Workflow.App.Exits.Web;

/// <summary>
/// A case's codes as the county's pages say them: steps, roles and decisions by the names people use (民主评议,
/// 碧城镇竹湖村村两委, 同意), never appraisal, VillageCommittee@532331100200 or approve. Holders are named as
/// Notifications/HolderNames names them, from the case's own place names (no directory read).
/// </summary>
internal static partial class CaseWording
{
    public static string StepName(ExitCase c, string? stepKey) =>
        stepKey is null ? "—" : ExitProcedureCatalog.ById(c.ProcedureId).StepFor(stepKey).Name;

    /// <summary>办理人: who decides the step the case waits at, and the supervising role too once it is escalated; null when nobody does (公示, 销号, ended).</summary>
    public static string? Holder(ExitCase c)
    {
        if (c.CurrentStep is null || ExitProcedureCatalog.ById(c.ProcedureId).StepFor(c.CurrentStep) is not { DecidedBy: { } role } step)
        {
            return null;
        }

        var holder = ExitRecipients.NameOf(role, c);
        return c.Escalated && step.EscalateTo is { } supervisor ? $"{holder}，已督办{ExitRecipients.NameOf(supervisor, c)}" : holder;
    }

    /// <summary>A role as an audit entry records it (VillageCommittee), named with the case's place.</summary>
    public static string RoleName(ExitCase c, string role) =>
        Enum.GetValues<ExitRole>().Where(r => r.ToString() == role).Select(r => ExitRecipients.NameOf(r, c)).FirstOrDefault() ?? role;

    /// <summary>
    /// Who acted, as a decision records it: the name the person typed and the link's holder, written
    /// 张审核（VillageCommittee@532331100200）. The holder is shown by name (张审核 · 碧城镇竹湖村村两委), for the
    /// records already kept that way too; any other text is shown as it is.
    /// </summary>
    public static string? ActorName(ExitCase c, string? actor)
    {
        if (actor is null || HolderSuffix().Match(actor) is not { Success: true } match)
        {
            return actor;
        }

        var role = RoleName(c, match.Groups["role"].Value);
        return role == match.Groups["role"].Value ? actor : $"{match.Groups["name"].Value} · {role}";
    }

    /// <summary>A decision as an audit entry records it (approve, reject); at an objection review it is about the objection.</summary>
    public static string DecisionName(string stepKey, string action) => (ExitProcedure.IsObjectionReview(stepKey), action) switch
    {
        (true, "approve") => "异议不成立",
        (true, "reject") => "异议成立",
        (false, "approve") => "同意",
        (false, "reject") => "不同意",
        _ => action,
    };

    [GeneratedRegex(@"^(?<name>.*)（(?<role>[A-Za-z]+)@[0-9]+）$", RegexOptions.Singleline)]
    private static partial Regex HolderSuffix();
}
