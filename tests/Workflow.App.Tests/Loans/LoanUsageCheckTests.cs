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
