using System.Globalization;
using Workflow.Domain.Calendar;
using Workflow.Domain.Rectification;
using Workflow.Domain.Register;
using Workflow.App.Exits;
using Workflow.App.Pages;

namespace Workflow.App.Rectification.Web;

/// <summary>
/// 督办单: the printable notice the county office sends a unit whose item is overdue, generated from the item and the
/// timeline entry that supervised it. Every value is HTML-encoded.
/// </summary>
internal static class SupervisionNotice
{
    private const string PrintStyle = "<style>@media print { .noprint, nav { display: none; } body { margin: 1.5cm; } } .notice th { white-space: nowrap; } .seal { text-align: right; margin-top: 2rem; }</style>";

    /// <summary>The notice's number, e.g. 督办〔2018〕3fa9c0号: the year and the start of the item's hash.</summary>
    public static string NumberOf(RectificationItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return string.Create(CultureInfo.InvariantCulture, $"督办〔{item.Year}〕{item.ItemId[12..18]}号");
    }

    public static string PathOf(string itemId) => $"/rectifications/{Uri.EscapeDataString(itemId)}/supervision-notice";

    /// <param name="issued">The timeline entry of the supervision.</param>
    public static string Render(RectificationItem item, string countyName, TimelineEntry issued)
    {
        var f = item.Finding;
        var issuedOn = ShanghaiTime.DateOf(issued.At);
        var summons = item.Stage == OverdueStage.Summoned ? "<p class=\"bad\">该事项督办后仍逾期，已约谈主要负责人。</p>" : string.Empty;
        return PrintStyle + $"""
            <p><strong>{E(NumberOf(item))}</strong></p>
            <p>{E(f.ResponsibleUnit)}：</p>
            <p>{E(ChineseTerms.Of(f.Source))}反馈的下列问题，经查至整改时限（{LedgerFormat.Day(f.Deadline)}）仍未完成整改并提交佐证材料。现予督办，请于 <strong data-new-deadline="{LedgerFormat.Day(item.Deadline)}">{LedgerFormat.Day(item.Deadline)}</strong> 前完成整改，并将整改情况及佐证材料报县扶贫办核验销号。逾期仍未完成的，将约谈单位主要负责人。</p>
            <table class="notice">
            <tr><th>事项编号</th><td>{E(item.ItemId)}</td></tr>
            <tr><th>问题来源</th><td>{E(ChineseTerms.Of(f.Source))}（{item.Year} 年度）</td></tr>
            <tr><th>问题类别</th><td>{E(f.Category)}</td></tr>
            <tr><th>问题描述</th><td class="description">{E(f.Description)}</td></tr>
            <tr><th>所在乡镇</th><td>{E(f.Township ?? "（县级）")}</td></tr>
            <tr><th>责任单位</th><td>{E(f.ResponsibleUnit)}</td></tr>
            <tr><th>原整改时限</th><td>{LedgerFormat.Day(f.Deadline)}</td></tr>
            <tr><th>督办整改时限</th><td>{LedgerFormat.Day(item.Deadline)}</td></tr>
            </table>
            {summons}
            <p class="seal">{E(countyName)}脱贫攻坚领导小组办公室<br>{issuedOn.Year} 年 {issuedOn.Month} 月 {issuedOn.Day} 日</p>
            <p class="noprint"><button onclick="window.print()">打印督办单</button> <a href="/rectifications/{Uri.EscapeDataString(item.ItemId)}">返回事项</a></p>
            """;
    }

    private static string E(string text) => PageLayout.Html.Encode(text);
}
