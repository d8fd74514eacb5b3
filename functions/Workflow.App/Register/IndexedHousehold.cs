using Azure.Data.Tables;

namespace Workflow.App.Register;

/// <summary>A household's entry in its county's index.</summary>
internal sealed record IndexedHousehold(string Number, string TownshipCode, string Fingerprint, IReadOnlyList<string> MemberHashes)
{
    public const string HouseholdProperty = "Household";

    public TableEntity ToEntity(string countyCode) => new(countyCode, RegisterKeys.HouseholdIndexRow(Number))
    {
        ["Number"] = Number,
        ["TownshipCode"] = TownshipCode,
        ["Fingerprint"] = Fingerprint,
        // Hex digests never contain a comma.
        ["Members"] = string.Join(',', MemberHashes),
    };

    public static IndexedHousehold FromEntity(TableEntity entity) => new(
        entity.GetString("Number")!,
        entity.GetString("TownshipCode")!,
        entity.GetString("Fingerprint")!,
        entity.GetString("Members")!.Split(',', StringSplitOptions.RemoveEmptyEntries));

    public static TableEntity MemberEntity(string countyCode, string memberHash, string householdNumber, string townshipCode) =>
        new(countyCode, RegisterKeys.MemberIndexRow(memberHash))
        {
            [HouseholdProperty] = householdNumber,
            ["TownshipCode"] = townshipCode,
        };
}
