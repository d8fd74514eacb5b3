using Workflow.Domain.Exits;

namespace Workflow.App.Exits.Web;

/// <summary>
/// Who a decision link was sent to, as the county says it: 竹湖村村两委, 竹湖乡审核人, not VillageCommittee@532331100200.
/// A link's holder is role@place (<see cref="ExitRecipients"/>), and the place is always one of the case's own.
/// </summary>
internal static class LinkHolder
{
    public static string NameOf(string holder, ExitCase exitCase)
    {
        var parts = holder.Split('@', 2);
        if (!Enum.TryParse<ExitRole>(parts[0], out var role) || !Enum.IsDefined(role))
        {
            return "指定办理人";
        }

        var name = role.ChineseName();
        var place = parts.Length == 2 ? parts[1] : null;
        return place == exitCase.VillageCode ? exitCase.Village + name
            // 乡镇审核人 of 竹湖乡 is 竹湖乡审核人.
            : place == exitCase.TownshipCode ? exitCase.Township + (name.StartsWith("乡镇", StringComparison.Ordinal) ? name[2..] : name)
            : name;
    }

    /// <summary>How the person who decided is recorded in the history and the audit: their name and whose link they used.</summary>
    public static string Actor(string personName, string holder, ExitCase exitCase) => $"{personName}（{NameOf(holder, exitCase)}）";
}
