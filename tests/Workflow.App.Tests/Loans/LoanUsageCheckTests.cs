using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Workflow.App.Loans;
using Workflow.App.Loans.Usage;
using Xunit;

namespace Workflow.App.Tests.Loans;

/// <summary>002's monthly usage check: each township with running loans gets one link a month and records each loan's use through it.</summary>
public class LoanUsageCheckTests
{
    [Fact]
    public async Task A_township_records_each_loans_use_through_its_monthly_link_once()
    {
        await using var bed = await LoanTestBed.StartAsync();
        var first = bed.Household(0).Household.Number;
        var second = bed.Household(1).Household.Number;
        await bed.ImportAsync(LoanTestBed.Csv(
            LoanTestBed.Row("DK201", first, bed.Today.AddDays(300)),
            LoanTestBed.Row("DK202", second, bed.Today.AddDays(400)),
            LoanTestBed.Row("DK203", second, bed.Today.AddDays(500), start: bed.Today.AddDays(10))));
        var township = bed.Places.Townships[0].Code;
        var recipient = $"{LoanRecipients.TownshipRole}@{township}";
        var round = bed.Services.GetRequiredService<LoanUsageRound>();

        await round.RunAsync(CancellationToken.None);
        await round.RunAsync(CancellationToken.None);

        var messages = await bed.InboxAsync(recipient, LoanUsageRound.Kind, 1);
        Assert.Single(messages);
        var link = messages[0].Link!.PathAndQuery;
        var page = await bed.Anonymous.GetStringAsync(link);
        Assert.Contains("data-loan=\"DK201\"", page, StringComparison.Ordinal);
        Assert.Contains("data-loan=\"DK202\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("DK203", page, StringComparison.Ordinal);

        // A loan not used for industry needs a note: refused, nothing recorded, the link still open.
        var refused = await bed.Anonymous.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["used-DK201"] = "yes", ["used-DK202"] = "no", ["name"] = "王检查",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("请填写说明", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var store = bed.Services.GetRequiredService<LoanUsageStore>();
        var month = LoanUsageRound.Month(bed.Today);
        Assert.Empty(await store.ListAsync(bed.Places.Code, township, month, CancellationToken.None));

        var accepted = await bed.Anonymous.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["used-DK201"] = "yes", ["used-DK202"] = "no", ["note-DK202"] = "用于家庭开支，已督促整改", ["name"] = "王检查",
        }));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var checks = (await store.ListAsync(bed.Places.Code, township, month, CancellationToken.None)).OrderBy(c => c.LoanNumber, StringComparer.Ordinal).ToList();
        Assert.Equal([("DK201", true), ("DK202", false)], checks.Select(c => (c.LoanNumber, c.UsedForIndustry)));
        Assert.Equal("用于家庭开支，已督促整改", checks[1].Note);

        var again = await bed.Anonymous.GetAsync(link);
        Assert.NotEqual(HttpStatusCode.OK, again.StatusCode);
    }
}

/// <summary>002's half-yearly interest subsidy: the county office is reminded once per half-year of what ran in the half just ended, per bank.</summary>
public class InterestSubsidyTests
{
    [Theory]
    [InlineData("2026-03-02", "2025年下半年", "2025-07-01", "2025-12-31")]
    [InlineData("2026-07-01", "2026年上半年", "2026-01-01", "2026-06-30")]
    [InlineData("2026-12-31", "2026年上半年", "2026-01-01", "2026-06-30")]
    public void The_half_year_before_today(string today, string name, string from, string to) =>
        Assert.Equal((name, DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)),
            InterestSubsidyRound.HalfBefore(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), 6));

    [Fact]
    public async Task The_county_office_gets_one_reminder_for_the_half_year_with_the_loans_per_bank()
    {
        await using var bed = await LoanTestBed.StartAsync();
        var household = bed.Household(0).Household.Number;
        await bed.ImportAsync(LoanTestBed.Csv(
            LoanTestBed.Row("DK301", household, bed.Today.AddDays(300), amount: "20000", start: new DateOnly(2025, 5, 1)),
            LoanTestBed.Row("DK302", household, bed.Today.AddDays(300), amount: "10000", start: new DateOnly(2025, 8, 1), bank: "中国农业银行禄丰支行"),
            LoanTestBed.Row("DK303", household, bed.Today.AddDays(300), start: new DateOnly(2026, 1, 5))));
        var round = bed.Services.GetRequiredService<InterestSubsidyRound>();

        await round.RunAsync(CancellationToken.None);
        await round.RunAsync(CancellationToken.None);

        var messages = await bed.InboxAsync($"CountyOfficer@{bed.Places.Code}", InterestSubsidyRound.Kind, 1);
        var message = Assert.Single(messages);
        Assert.Contains("2025年下半年", message.Title, StringComparison.Ordinal);
        Assert.Contains("2 笔", message.Text, StringComparison.Ordinal);
        Assert.Contains("禄丰县农村信用合作联社 1 笔、20,000.00 元", message.Text, StringComparison.Ordinal);
        Assert.Contains("中国农业银行禄丰支行 1 笔、10,000.00 元", message.Text, StringComparison.Ordinal);
    }
}
