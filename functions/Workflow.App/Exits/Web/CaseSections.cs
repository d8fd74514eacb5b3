using System.Globalization;
using System.Text;
using Workflow.App.Evidence;
using Workflow.App.Pages;

namespace Workflow.App.Exits.Web;

/// <summary>The parts of a case every case page shows: the household, the indicators, the evidence, the history. Every value is HTML-encoded.</summary>
internal static class CaseSections
{
    public static string Household(ExitCase c) => $"""
        <table>
        <tr><th>乡镇 / 村</th><td>{E(c.Township)} {E(c.Village)}</td></tr>
        <tr><th>户主</th><td>{E(c.HeadName)}</td></tr>
        <tr><th>身份证号</th><td>{E(c.MaskedHeadId)}</td></tr>
        <tr><th>户编号</th><td>{E(c.HouseholdNumber)}</td></tr>
        <tr><th>案件</th><td>{E(c.CaseId)}（第 {c.Attempt} 次申请，{c.Year} 年度标准）</td></tr>
        <tr><th>状态</th><td>{E(c.Status.ChineseName())}{(c.Outcome is null ? string.Empty : "：" + E(c.Outcome))}</td></tr>
        </table>
        """;

    public static string Indicators(ExitCase c)
    {
        var rows = new StringBuilder();
        foreach (var i in c.Indicators)
        {
            rows.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(i.Name)}</td><td>{E(i.Value)}</td><td>{E(i.Threshold)}</td><td class=\"{(i.Passed ? "ok" : "bad")}\">{(i.Passed ? "达标" : "未达标")}</td></tr>");
        }

        return $"<h2>退出指标（7项）</h2><table><tr><th>指标</th><th>核查结果</th><th>标准</th><th>结论</th></tr>{rows}</table>";
    }

    /// <param name="link">The address that opens one item through a short-lived link, given its id.</param>
    public static string Evidence(IReadOnlyList<EvidenceItem> items, Func<string, string> link)
    {
        if (items.Count == 0)
        {
            return "<h2>佐证材料</h2><p class=\"note\">暂无。</p>";
        }

        var rows = new StringBuilder();
        foreach (var item in items)
        {
            rows.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{E(link(item.EvidenceId))}\">{E(item.FileName)}</a> <span class=\"meta\">{E(item.Step)} · {item.Size / 1024.0:0.#} KB · " +
                        $"{E(item.UploadedBy)} · {PageLayout.Time(item.UploadedAt)} · SHA-256 {E(item.Sha256[..12])}…</span></li>");
        }

        return $"<h2>佐证材料</h2><ul class=\"messages\">{rows}</ul>";
    }

    public static string Timeline(IReadOnlyList<TimelineEntry> entries)
    {
        var rows = new StringBuilder();
        foreach (var entry in entries.OrderBy(e => e.Sequence))
        {
            rows.Append(CultureInfo.InvariantCulture, $"<li><div class=\"meta\">{PageLayout.Time(entry.At)}{(entry.Actor is null ? string.Empty : " · " + E(entry.Actor))}</div><div>{E(entry.Text)}</div></li>");
        }

        return $"<h2>办理记录</h2><ul class=\"messages\">{(entries.Count == 0 ? "<li>暂无</li>" : rows.ToString())}</ul>";
    }

    private static string E(string text) => PageLayout.Html.Encode(text);
}
