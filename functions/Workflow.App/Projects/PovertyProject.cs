namespace Workflow.App.Projects;

/// <summary>
/// A poverty project (扶贫项目) in the county's project bank (项目库): where it is, what it is, what it costs
/// (投资额, yuan) and when the village proposed it. The id carries the county, so a project is found from its id alone;
/// the township's and village's codes address the holders of its steps (role@place).
/// </summary>
public sealed record PovertyProject(string ProjectId, string CountyCode, string Township, string Village, string Name, decimal Investment, DateTimeOffset ProposedAt,
    string TownshipCode, string VillageCode)
{
    private const string Prefix = "proj-";

    public static string NewId(string countyCode) => $"{Prefix}{countyCode}-{Guid.NewGuid():N}"[..(Prefix.Length + countyCode.Length + 13)];

    /// <summary>The county code in a project id, or null when it is not one.</summary>
    public static string? CountyOf(string? projectId)
    {
        if (projectId is null || !projectId.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var dash = projectId.LastIndexOf('-');
        return dash > Prefix.Length ? projectId[Prefix.Length..dash] : null;
    }
}
