using Workflow.Domain.Exits;

namespace Workflow.App.Exits;

/// <summary>
/// Who a role is for one case: the village's committee, the township's approver, the county's officer. A recipient
/// is written role@place (e.g. TownshipApprover@532331101); the notification channels map it to a person.
/// </summary>
public static class ExitRecipients
{
    public static string For(ExitRole role, ExitCase exitCase) => $"{role}@{PlaceCode(role, exitCase)}";

    public static string Describe(ExitRole role, ExitCase exitCase) => $"{role.ChineseName()}（{PlaceName(role, exitCase)}）";

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
        _ => "县扶贫办",
    };
}
