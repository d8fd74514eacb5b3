using Workflow.App.Campaigns;
using Workflow.Domain.Exits;
using Workflow.Domain.Register;

namespace Workflow.App.Notifications;

/// <summary>
/// Who a recipient, or a link's holder, is as a page names them. Both are written role@place (Exits/ExitRecipients,
/// Campaigns/CampaignRecipients, Rectification/RectificationRecipients): VillageCommittee@532331101200 is shown as
/// 碧城镇竹湖村村两委, TownshipApprover@532331101 as 碧城镇乡镇审核人, LeadUnit@532331:县教育局 as 县教育局（牵头单位）.
/// A place the county's directory does not know keeps its code beside the role's name, so nobody is shown as nobody.
/// </summary>
public static class HolderNames
{
    private const int CountyCodeLength = 6;
    private const int TownshipCodeLength = 9;
    private const int VillageCodeLength = 12;

    /// <param name="holder">role@place, or any other text (shown as it is).</param>
    /// <param name="places">The county of the place, with its townships and villages (CountyDirectory.FindPlacesAsync); null when unknown.</param>
    public static string Describe(string holder, County? places)
    {
        ArgumentNullException.ThrowIfNull(holder);
        var at = holder.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0)
        {
            return holder;
        }

        var role = holder[..at];
        var place = holder[(at + 1)..];
        if (role == CampaignRecipients.LeadUnitRole)
        {
            return $"{CampaignRecipients.UnitOf(holder)}（牵头单位）";
        }

        // A name of ExitRole (not a number, which Enum.TryParse would also take); any other role is a unit's own name.
        var exitRole = Enum.GetNames<ExitRole>().Contains(role, StringComparer.Ordinal) ? Enum.Parse<ExitRole>(role) : (ExitRole?)null;
        if (exitRole?.IsCountyRole() == true || place.Length == CountyCodeLength)
        {
            return exitRole?.ChineseName() ?? role;
        }

        var placeName = PlaceName(place, places);
        return exitRole is { } known
            ? placeName is null ? $"{known.ChineseName()}（{place}）" : $"{placeName}{known.ChineseName()}"
            : $"{role}（{placeName ?? place}）";
    }

    /// <summary>The county a holder belongs to (the first six digits of its place), to look its places up; null for other text.</summary>
    public static string? CountyOf(string holder)
    {
        ArgumentNullException.ThrowIfNull(holder);
        var at = holder.IndexOf('@', StringComparison.Ordinal);
        var place = at < 0 ? string.Empty : holder[(at + 1)..];
        return place.Length >= CountyCodeLength && place[..CountyCodeLength].All(char.IsAsciiDigit) ? place[..CountyCodeLength] : null;
    }

    private static string? PlaceName(string code, County? places)
    {
        if (places is null)
        {
            return null;
        }

        return code.Length switch
        {
            TownshipCodeLength => places.Townships.FirstOrDefault(t => t.Code == code)?.Name,
            VillageCodeLength => places.Townships.SelectMany(t => t.Villages.Select(v => (Township: t, Village: v)))
                .Where(p => p.Village.Code == code).Select(p => $"{p.Township.Name}{p.Village.Name}").FirstOrDefault(),
            _ => null,
        };
    }
}
