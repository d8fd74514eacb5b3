using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Workflow.App.Audit;
using Workflow.App.Funds.Objections;
using Xunit;

namespace Workflow.App.Tests.Funds;

/// <summary>
/// A villager scans a township's 资金公告公示 and objects (001: “接受群众和社会监督”) through the same objection form as every
/// 公示; the county office is told, sees the objection on its console and answers it once. Bad input changes nothing.
/// </summary>
public sealed partial class FundObjectionTests
{
    [Fact]
    public async Task A_villager_objects_from_the_fund_notice_the_county_office_is_told_and_answers_once()
    {
        await using var bed = await FundTestBed.StartAsync();
        await bed.AllocateAsync(bed.Form());
        var printed = await bed.County.GetStringAsync($"/funds/notice/{bed.Places.Code}/{bed.Township.Code}");
        Assert.Contains("请扫描二维码", printed, StringComparison.Ordinal);
        var notice = new Uri(NoticeUrl().Match(printed).Value).PathAndQuery;
        var online = await bed.Anonymous.GetStringAsync(notice);
        var formPath = WebUtility.HtmlDecode(ObjectionHref().Match(online).Groups[1].Value);
        Assert.StartsWith("/pay/objection/", formPath, StringComparison.Ordinal);
        Assert.Contains($"对{bed.Township.Name}扶贫资金公告公示", await bed.Anonymous.GetStringAsync(formPath), StringComparison.Ordinal);
        var store = bed.Services.GetRequiredService<FundObjectionStore>();

        // No reason, a forged link, or not a form: refused, nothing kept.
        var blank = await PostAsync(bed, formPath, "13800000000", "  ");
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Contains("请填写异议内容", await blank.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var forged = await PostAsync(bed, formPath[..^2] + (formPath.EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA"), "13800000000", "金额不对");
        Assert.NotEqual(HttpStatusCode.OK, forged.StatusCode);
        using var json = new StringContent("""{"contact":"1","reason":"2"}""", System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await bed.Anonymous.PostAsync(formPath, json)).StatusCode);
        Assert.Empty(await store.ListAsync(bed.Places.Code, CancellationToken.None));

        var filed = await PostAsync(bed, formPath, "13800000000", "竹湖村的产业资金公示金额与村里张贴的不一致<script>");
        Assert.Equal(HttpStatusCode.OK, filed.StatusCode);
        Assert.Contains("data-objection=\"filed\"", await filed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var objection = Assert.Single(await store.ListAsync(bed.Places.Code, CancellationToken.None));
        Assert.Equal((bed.Township.Code, "13800000000"), (objection.TownshipCode, objection.Contact));
        await bed.WaitForInboxAsync(FundObjections.CountyOffice(bed.Places.Code), $"资金公示收到异议：{bed.Township.Name}");

        // The online notice never shows the contact; the console does, with the reason escaped.
        Assert.DoesNotContain("13800000000", await bed.Anonymous.GetStringAsync(notice), StringComparison.Ordinal);
        await bed.SignInAgainAsync();
        var console = await bed.County.GetStringAsync($"/console/funds?county={bed.Places.Code}");
        Assert.Contains($"data-fund-objection=\"{objection.ObjectionId}\"", console, StringComparison.Ordinal);
        Assert.Contains("13800000000", console, StringComparison.Ordinal);
        Assert.Contains("张贴的不一致&lt;script&gt;", console, StringComparison.Ordinal);

        var empty = await AnswerAsync(bed, objection.ObjectionId, " ");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("请填写核实处理情况", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(bed, objection.ObjectionId, "经核实，村公示栏张贴的是上一批次资金，已更正。")).StatusCode);
        var again = await AnswerAsync(bed, objection.ObjectionId, "再答复一次");
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("已经答复", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var answered = Assert.Single(await store.ListAsync(bed.Places.Code, CancellationToken.None));
        Assert.Equal("经核实，村公示栏张贴的是上一批次资金，已更正。", answered.Reply);
        var audit = await bed.Services.GetRequiredService<AuditLog>().ReadAsync(FundObjections.AuditSubject(bed.Places.Code), CancellationToken.None);
        Assert.Equal(answered.Reply, Assert.Single(audit, a => a.Action == "answer").Comment);
        Assert.Contains("已答复", await bed.County.GetStringAsync($"/console/funds?county={bed.Places.Code}"), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PostAsync(FundTestBed bed, string path, string contact, string reason) =>
        bed.Anonymous.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["contact"] = contact, ["reason"] = reason }));

    private static Task<HttpResponseMessage> AnswerAsync(FundTestBed bed, string id, string reply) =>
        bed.County.PostAsync("/console/funds/objections", new FormUrlEncodedContent(new Dictionary<string, string> { ["county"] = bed.Places.Code, ["id"] = id, ["reply"] = reply }));

    [GeneratedRegex(@"https?://[^<""\s]+/pay/notice/[^<""\s]+")]
    private static partial Regex NoticeUrl();

    [GeneratedRegex(@"href=""(/pay/objection/[^""]+)""")]
    private static partial Regex ObjectionHref();
}
