using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Workflow.App.Funds.Reports;
using Workflow.App.Notifications;
using Workflow.Domain.Funds;
using Xunit;

namespace Workflow.App.Tests.Funds;

/// <summary>003's monthly report (镇街道每月…报告资金使用情况): a link per township from month end, confirmed once; a missing one escalated once.</summary>
public class FundReportTests
{
    [Theory]
    [InlineData("2026-03-30", "2026-02")]
    [InlineData("2026-03-31", "2026-03")]
    [InlineData("2026-04-01", "2026-03")]
    [InlineData("2026-01-15", "2025-12")]
    [InlineData("2026-02-28", "2026-02")]
    public void The_month_reported_is_this_one_on_its_last_day_else_the_one_before(string today, string month) =>
        Assert.Equal(month, FundReportMonth.On(DateOnly.Parse(today, CultureInfo.InvariantCulture)).Key);

    [Fact]
    public async Task Each_township_gets_one_link_at_month_end_one_reports_and_the_late_one_is_escalated_once()
    {
        await using var bed = await FundTestBed.StartAsync();
        var (first, second) = (bed.Places.Townships[0], bed.Places.Townships[1]);
        await bed.AllocateAsync(bed.Form());
        await bed.AllocateAsync(new FundAllocationForm(second.Name, "中央财政专项扶贫资金", 50_000m, "县财字〔2026〕13号", "2026-03-02"));
        var round = bed.Services.GetRequiredService<FundReportRound>();

        // On 2 March the month reported is February, when neither had an allocation: nothing is sent.
        Assert.Equal(0, await round.SendAsync(CancellationToken.None));

        // On 30 March still February; on 31 March one link each, and a re-run sends nothing.
        bed.AdvanceTo(new DateTimeOffset(2026, 3, 30, 9, 0, 0, TimeSpan.FromHours(8)));
        Assert.Equal(0, await round.SendAsync(CancellationToken.None));
        bed.AdvanceTo(new DateTimeOffset(2026, 3, 31, 9, 0, 0, TimeSpan.FromHours(8)));
        Assert.Equal(2, await round.SendAsync(CancellationToken.None));
        Assert.Equal(0, await round.SendAsync(CancellationToken.None));
        var link = Assert.Single(await ReportsAsync(bed, FundReportLinks.Recipient(first.Code), 1)).Link!.PathAndQuery;
        Assert.Single(await ReportsAsync(bed, FundReportLinks.Recipient(second.Code), 1));
        Assert.StartsWith(FundReportLinks.PathPrefix, link, StringComparison.Ordinal);

        var page = await bed.Anonymous.GetStringAsync(link);
        Assert.Contains("2026年3月", page, StringComparison.Ordinal);
        Assert.Contains("100,000.00", page, StringComparison.Ordinal);
        Assert.DoesNotContain("50,000.00", page, StringComparison.Ordinal);

        // No note: refused in zh-CN, nothing kept, the link still open.
        var refused = await PostAsync(bed, link, "", "刘会计");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("请填写资金使用情况说明", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var store = bed.Services.GetRequiredService<FundReportStore>();
        Assert.Empty(await store.ListAsync(bed.Places.Code, "2026-03", CancellationToken.None));

        var accepted = await PostAsync(bed, link, "本月资金已到镇财政所，尚无项目村申请。", "刘会计");
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains("data-outcome=\"reported\"", await accepted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var kept = Assert.Single(await store.ListAsync(bed.Places.Code, "2026-03", CancellationToken.None)).Value;
        Assert.Equal((first.Code, 100_000m, "刘会计"), (kept.TownshipCode, kept.Allocated, kept.ConfirmedBy));

        var reused = await PostAsync(bed, link, "再报一次", "王某");
        Assert.NotEqual(HttpStatusCode.OK, reused.StatusCode);
        Assert.Equal("刘会计", Assert.Single(await store.ListAsync(bed.Places.Code, "2026-03", CancellationToken.None)).Value.ConfirmedBy);

        // The test calendar has weekends only in April: 5 working days after 31 March end on Tuesday 7 April.
        var county = $"CountyOfficer@{bed.Places.Code}";
        bed.AdvanceTo(new DateTimeOffset(2026, 4, 7, 18, 0, 0, TimeSpan.FromHours(8)));
        Assert.Equal(0, await round.SendAsync(CancellationToken.None));
        bed.AdvanceTo(new DateTimeOffset(2026, 4, 8, 9, 0, 0, TimeSpan.FromHours(8)));
        Assert.Equal(1, await round.SendAsync(CancellationToken.None));
        Assert.Equal(0, await round.SendAsync(CancellationToken.None));
        var late = Assert.Single(await LateAsync(bed, county, 1));
        Assert.Contains(second.Name, late.Title, StringComparison.Ordinal);
        Assert.Single(await ReportsAsync(bed, FundReportLinks.Recipient(first.Code), 1));

        await bed.SignInAgainAsync();
        var console = await bed.County.GetStringAsync($"/console/funds?county={bed.Places.Code}");
        Assert.Contains($"data-report=\"{first.Code}\"", console, StringComparison.Ordinal);
        Assert.Contains("已上报", console, StringComparison.Ordinal);
        Assert.Contains("逾期未报", console, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PostAsync(FundTestBed bed, string link, string note, string name) =>
        bed.Anonymous.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string> { ["note"] = note, ["name"] = name, ["confirmed"] = "yes" }));

    private static async Task<IReadOnlyList<NotificationMessage>> ReportsAsync(FundTestBed bed, string recipient, int count) =>
        await WaitAsync(bed, recipient, m => m.Kind == FundReportRound.Kind, count);

    private static async Task<IReadOnlyList<NotificationMessage>> LateAsync(FundTestBed bed, string recipient, int count) =>
        await WaitAsync(bed, recipient, m => m.Title.StartsWith("逾期未报", StringComparison.Ordinal), count);

    /// <summary>The recipient's messages that match, waiting (the outbox sweep delivers them) until there are at least <paramref name="count"/>.</summary>
    private static async Task<IReadOnlyList<NotificationMessage>> WaitAsync(FundTestBed bed, string recipient, Func<NotificationMessage, bool> match, int count)
    {
        var inbox = bed.Services.GetRequiredService<InboxChannel>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var messages = (await inbox.ReadAsync(recipient, 500, CancellationToken.None)).Where(match).ToList();
            if (messages.Count >= count)
            {
                return messages;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{recipient} got {messages.Count} matching messages, not {count}.");
            await Task.Delay(100);
        }
    }
}
