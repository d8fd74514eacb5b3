using Workflow.Domain.Exits;

namespace Workflow.App.Exits;

/// <summary>
/// Who a role is for one case: the village's committee, the township's approver, the county's officer. A recipient
/// is written role@place (e.g. TownshipApprover@532331101); the notification channels map it to a person.
/// </summary>
public static class ExitRecipients
{
    public static string For(ExitRole role, ExitCase exitCase) => $"{role}@{PlaceCode(role, exitCase)}";

    /// <summary>
    /// A role where the case is, as pages and messages name it: 碧城镇竹湖村村两委, 碧城镇乡镇审核人, 县扶贫办经办人 (the same
    /// wording as Notifications/HolderNames, from the case's own place names so no directory is read).
    /// </summary>
    public static string NameOf(ExitRole role, ExitCase exitCase) => $"{PlaceName(role, exitCase)}{role.ChineseName()}";

    /// <summary>A link's holder (role@place) by name; a holder that is not one of this case's roles is 指定办理人.</summary>
    public static string NameOf(string holder, ExitCase exitCase)
    {
        var role = holder.Split('@', 2)[0];
        return Enum.GetNames<ExitRole>().Contains(role, StringComparer.Ordinal) ? NameOf(Enum.Parse<ExitRole>(role), exitCase) : "指定办理人";
    }

    /// <summary>How the person who decided is recorded in the history and the audit: their name and whose link they used.</summary>
    public static string Actor(string personName, string holder, ExitCase exitCase) => $"{personName}（{NameOf(holder, exitCase)}）";

    private static string PlaceCode(ExitRole role, ExitCase c) => role switch
    {
        ExitRole.VillageCommittee or ExitRole.WorkTeam or ExitRole.Household => c.VillageCode,
        ExitRole.TownshipApprover or ExitRole.TownshipLeader => c.TownshipCode,
        _ => c.CountyCode,
    };

    private static string PlaceName(ExitRole role, ExitCase c) => role switch
    {
        ExitRole.VillageCommittee or ExitRole.WorkTeam or ExitRole.Household => $"{c.Township}{c.Village}",
        ExitRole.TownshipApprover or ExitRole.TownshipLeader => c.Township,
        _ => string.Empty,
    };
}
