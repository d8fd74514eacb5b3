using System.Globalization;
using Workflow.Domain.Rectification;

namespace Workflow.App.Rectification.Web;

/// <summary>
/// 督办单: the notice the county office sends a unit whose item is overdue, generated from the item and the timeline
/// entry that supervised it (the page is <see cref="SupervisionNoticePage"/>).
/// </summary>
internal static class SupervisionNotice
{
    /// <summary>The notice's number, e.g. 督办〔2018〕3fa9c0号: the year and the start of the item's hash.</summary>
    public static string NumberOf(RectificationItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return string.Create(CultureInfo.InvariantCulture, $"督办〔{item.Year}〕{item.ItemId[12..18]}号");
    }

    public static string PathOf(string itemId) => $"/rectifications/{Uri.EscapeDataString(itemId)}/supervision-notice";
}
