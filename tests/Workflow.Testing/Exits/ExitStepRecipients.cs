namespace Workflow.Testing.Exits;

/// <summary>
/// Who acts on each step of a household exit, as role@place the way the app addresses notifications, written down
/// here from the procedure (the test side must not borrow the app's own mapping, or a wrong mapping would pass):
/// appraisal → VillageCommittee@village, verification → WorkTeam@village, consent → Household@village, the notice is
/// posted by VillageCommittee@village, township review → TownshipApprover@township, county approval → CountyOfficer@county.
/// </summary>
public static class ExitStepRecipients
{
    /// <summary>Everyone a case of this household sends a link to.</summary>
    public static string[] All(string villageCode, string townshipCode, string countyCode) =>
    [
        $"VillageCommittee@{villageCode}", $"WorkTeam@{villageCode}", $"Household@{villageCode}",
        $"TownshipApprover@{townshipCode}", $"CountyOfficer@{countyCode}",
    ];

    /// <summary>Whose inbox the case's next link reaches once <paramref name="step"/> is done; empty after county approval.</summary>
    public static string[] After(string step, string villageCode, string townshipCode, string countyCode) => step switch
    {
        "appraisal" => [$"WorkTeam@{villageCode}"],
        "verification" => [$"Household@{villageCode}"],
        "consent" => [$"VillageCommittee@{villageCode}"],
        "notice" => [$"TownshipApprover@{townshipCode}"],
        "township-review" => [$"CountyOfficer@{countyCode}"],
        _ => [],
    };
}
