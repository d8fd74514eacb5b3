using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Workflow.App.Pages;

namespace Workflow.App.Register;

/// <summary>
/// The zh-CN page where a county uploads its register file and sees what the import did. Everything that came from
/// a person — file names, cell text quoted in reasons, headers, county names — is HTML-encoded.
/// </summary>
internal static class RegisterPage
{
    /// <summary>Enough to fix a file from; the downloadable report has every error.</summary>
    private const int ErrorsShown = 200;

    public static string Render(IReadOnlyList<RegisteredCounty> counties, int currentYear, RegisterImportReport? report, string? error)
    {
        var html = PageLayout.Html;
        var options = new StringBuilder();
        var exports = new StringBuilder();
        foreach (var county in counties)
        {
            var code = html.Encode(county.Code);
            var name = html.Encode(county.Name);
            var selected = county.Code == report?.CountyCode ? " selected" : string.Empty;
            options.Append(CultureInfo.InvariantCulture, $"<option value=\"{code}\"{selected}>{name}（{code}）</option>");
            exports.Append(CultureInfo.InvariantCulture,
                $"<li><a href=\"/register/{Uri.EscapeDataString(county.Code)}/export.csv\">{name}名册（CSV，身份证号已脱敏）</a></li>");
        }

        var body = new StringBuilder();
        if (counties.Count == 0)
        {
            body.Append("<p class=\"bad\">还没有已登记的县（市、区）：导入名册前须先登记本县的乡镇和行政村。</p>");
        }

        if (error is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"bad\" role=\"alert\">导入失败：{html.Encode(error)}</p>");
        }

        if (report is not null)
        {
            AppendReport(body, report, html);
        }

        return PageLayout.Render("建档立卡户名册导入", $$"""
            <form method="post" action="/register" enctype="multipart/form-data">
            <p><label>县（市、区）：<select name="{{RegisterUpload.CountyField}}" required>{{options}}</select></label></p>
            <p><label>收入年度：<input type="number" name="{{RegisterUpload.YearField}}" value="{{currentYear}}" min="2014" max="{{currentYear}}" required></label></p>
            <p><label>名册文件（.csv 或 .xlsx，不超过 {{RegisterUpload.MaxFileBytes / 1024 / 1024}} MB）：<input type="file" name="{{RegisterUpload.FileField}}" accept=".csv,.xlsx,.txt" required></label></p>
            <p><button type="submit">导入</button></p>
            </form>
            <p class="note">表头按县级名册导出格式（乡镇、行政村、户编号、户主姓名、姓名、与户主关系、身份证号……）。CSV 可为 UTF-8 或 GBK 编码。重复导入同一文件不会改变名册。</p>
            {{body}}
            <h2>导出名册</h2>
            <ul>{{exports}}</ul>
            """);
    }

    private static void AppendReport(StringBuilder body, RegisterImportReport report, HtmlEncoder html)
    {
        var households = report.Households;
        body.Append(CultureInfo.InvariantCulture, $"""
            <h2>导入结果</h2>
            <table>
            <tr><th>文件</th><td>{html.Encode(report.FileName)}</td></tr>
            <tr><th>读取为</th><td>{html.Encode(report.Format)}</td></tr>
            <tr><th>数据行</th><td>{report.RowCount}</td></tr>
            <tr><th>已导入行</th><td class="ok">{report.ImportedRowCount}</td></tr>
            <tr><th>有误未导入行</th><td class="{(report.RejectedRowCount > 0 ? "bad" : "ok")}">{report.RejectedRowCount}</td></tr>
            <tr><th>户数</th><td>新增 {households.Added} 户，更新 {households.Changed} 户，未变 {households.Unchanged} 户</td></tr>
            <tr><th>用时</th><td>{report.Elapsed.TotalSeconds:0.0} 秒</td></tr>
            </table>
            """);
        if (report.Errors.Count == 0)
        {
            body.Append("<p class=\"ok\">没有错误。</p>");
            return;
        }

        body.Append(CultureInfo.InvariantCulture,
            $"<p>共 {report.Errors.Count} 条错误{(report.Errors.Count > ErrorsShown ? $"，下表列出前 {ErrorsShown} 条" : string.Empty)}。" +
            $"<a href=\"{html.Encode(RegisterEndpoints.ErrorReportPath(report))}\">下载完整错误报告（CSV）</a>。行号与在 Excel 或 WPS 中打开文件时的行号一致。</p>");
        body.Append("<table><thead><tr><th>行号</th><th>列</th><th>原因</th></tr></thead><tbody>");
        foreach (var error in report.Errors.Take(ErrorsShown))
        {
            body.Append(CultureInfo.InvariantCulture, $"<tr><td>{error.Line}</td><td>{html.Encode(error.Column)}</td><td>{html.Encode(error.Reason)}</td></tr>");
        }

        body.Append("</tbody></table>");
    }
}
