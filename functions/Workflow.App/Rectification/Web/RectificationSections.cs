using System.Globalization;
using System.Text;
using Workflow.Domain.Rectification;
using Workflow.Domain.Register;
using Workflow.App.Audit;
using Workflow.App.Pages;

namespace Workflow.App.Rectification.Web;

/// <summary>The parts of an item every item page shows. Every value is HTML-encoded.</summary>
internal static class RectificationSections
{
    // On a phone the headings column would otherwise shrink to one character a line, and a long word push the page sideways.
    private const string NoWrapHeadings = "<style>.item th { white-space: nowrap; } .item td { overflow-wrap: anywhere; }</style>";

    public static string Item(RectificationItem item, DateOnly today)
    {
        var f = item.Finding;
        var overdue = item.IsOverdue(today) ? " <span class=\"bad\">已逾期</span>" : string.Empty;
        return $"""
            {NoWrapHeadings}
            <table class="item" data-item="{E(item.ItemId)}">
            <tr><th>编号</th><td>{E(item.ItemId)}</td></tr>
            <tr><th>来源</th><td>{E(ChineseTerms.Of(f.Source))}（{item.Year} 年度）</td></tr>
            <tr><th>类别</th><td>{E(f.Category)}</td></tr>
            <tr><th>问题描述</th><td class="description">{E(f.Description)}</td></tr>
            <tr><th>乡镇</th><td>{E(f.Township ?? "（县级）")}</td></tr>
            <tr><th>责任单位</th><td>{E(f.ResponsibleUnit)}</td></tr>
            <tr><th>整改时限</th><td>{LedgerFormat.Day(item.Deadline)}{(item.Deadline != f.Deadline ? $"（原时限 {LedgerFormat.Day(f.Deadline)}）" : string.Empty)}{overdue}</td></tr>
            <tr><th>状态</th><td data-status="{item.Status}">{E(ChineseTerms.Of(item.Status))}{(item.Stage == OverdueStage.None ? string.Empty : " · " + E(ChineseTerms.Of(item.Stage)))}{(item.Round > 1 ? $" · 第 {item.Round} 轮" : string.Empty)}</td></tr>
            {(item.SendBackReason is { } reason ? $"<tr><th>退回理由</th><td class=\"reason\">{E(reason)}</td></tr>" : string.Empty)}
            </table>
            """;
    }

    public static string Audit(IReadOnlyList<AuditEntry> entries)
    {
        var rows = new StringBuilder();
        foreach (var a in entries)
        {
            rows.Append(CultureInfo.InvariantCulture, $"<tr><td>{PageLayout.Time(a.At)}</td><td>{E(a.Actor)}</td><td>{E(a.Role)}</td><td>{E(a.Step)}</td><td>{E(a.Action)}</td>" +
                        $"<td>{E(a.Comment ?? string.Empty)}</td><td>{E(a.LinkId ?? string.Empty)}</td><td>{E(a.ClientIp ?? string.Empty)}</td><td>{E(a.UserAgent ?? string.Empty)}</td></tr>");
        }

        return $"<h2>审计记录</h2><table><tr><th>时间</th><th>办理人</th><th>角色</th><th>环节</th><th>操作</th><th>意见</th><th>链接</th><th>IP</th><th>客户端</th></tr>{rows}</table>";
    }

    private static string E(string text) => PageLayout.Html.Encode(text);
}
