using System.Net;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Workflow.App.Loans;
using Workflow.Domain.Calendar;
using Xunit;

namespace Workflow.App.Tests.Loans;

/// <summary>Issue 21, item 3's Show: a loan imported 61 days before its due date gets its 60-day notice, then its 30-day written one (004).</summary>
public class LoanNoticeTests
{
    [Fact]
    public async Task A_loan_due_in_61_days_gets_its_60_day_notice_then_its_written_30_day_notice_and_a_reimport_sends_nothing_twice()
    {
        await using var bed = await LoanTestBed.StartAsync();
        var (township, village, household) = bed.Household(0);
        var due = bed.Today.AddDays(61);
        var file = LoanTestBed.Csv(LoanTestBed.Row("DK2026001", household.Number, due, borrower: household.Members[0].Name));

        var report = await bed.ImportAsync(file);
        Assert.Equal((1, 0, 0), (report.Imported, report.AlreadyInLedger, report.Errors.Count));
        Assert.Empty(report.ImmediateNotices);
        var client = bed.Services.GetRequiredService<DurableTaskClient>();
        var instanceId = LoanInstances.Maturity(bed.Places.Code, "DK2026001", due);
        var instance = await client.WaitForInstanceStartAsync(instanceId);
        var record = (await bed.LoanAsync("DK2026001"))!;
        Assert.Equal((township.Code, village.Code, household.ResponsibleCadre), (record.TownshipCode, record.VillageCode, record.ResponsibleCadre));

        // The 60-day notice's day is tomorrow: a day on, it goes to the cadre, the township and the bank.
        bed.Clock.Advance(TimeSpan.FromDays(1));
        record = await bed.WaitForAsync("DK2026001", r => r.NoticeSent(60) is not null, "the 60-day notice");
        var sixty = record.NoticeSent(60)!;
        Assert.True(sixty.SentAt >= ShanghaiTime.StartOf(due.AddDays(-60)), $"sent {sixty.SentAt:O}, before its day");
        Assert.False(sixty.Written);
        Assert.False(sixty.Late);
        Assert.Null(record.NoticeSent(30));
        foreach (var recipient in new[] { LoanRecipients.Cadre(record), LoanRecipients.Township(record), LoanRecipients.Bank(record) })
        {
            var messages = await bed.InboxAsync(recipient, 1);
            Assert.Single(messages);
            Assert.Contains("请做好还款准备", messages[0].Title, StringComparison.Ordinal);
            Assert.Contains($"{township.Name}{village.Name}", messages[0].Text, StringComparison.Ordinal);
            Assert.DoesNotContain("@", messages[0].Text, StringComparison.Ordinal);
        }

        // The same file again: the stored loan and its one workflow stay.
        var again = await bed.ImportAsync(file);
        Assert.Equal((0, 1), (again.Imported, again.AlreadyInLedger));
        Assert.Equal(instance.CreatedAt, (await client.GetInstanceAsync(instanceId))!.CreatedAt);

        // 30 days on: the written notice, with its printable page.
        bed.Clock.Advance(TimeSpan.FromDays(30));
        record = await bed.WaitForAsync("DK2026001", r => r.NoticeSent(30) is not null, "the 30-day notice");
        Assert.True(record.NoticeSent(30)!.Written);
        Assert.True(record.NoticeSent(30)!.SentAt >= ShanghaiTime.StartOf(due.AddDays(-30)));
        await client.WaitForInstanceCompletionAsync(instanceId);
        var cadreInbox = await bed.InboxAsync(LoanRecipients.Cadre(record), 2);
        Assert.Equal(2, cadreInbox.Count);
        Assert.Single(cadreInbox, m => m.Title.StartsWith("【书面通知】", StringComparison.Ordinal));
        var bankInbox = await bed.InboxAsync(LoanRecipients.Bank(record), 2);
        Assert.Equal(2, bankInbox.Count);

        // The bank's contact has no county sign-in: its message's own link opens the printable written notice.
        var written = bankInbox.Single(m => m.Title.StartsWith("【书面通知】", StringComparison.Ordinal)).Link!;
        Assert.StartsWith(LoanNoticeLinks.PathPrefix, written.AbsolutePath, StringComparison.Ordinal);
        var linked = await bed.Anonymous.GetAsync(written.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        var printable = await linked.Content.ReadAsStringAsync();
        Assert.Contains("书面通知书", printable, StringComparison.Ordinal);
        Assert.Contains(due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), printable, StringComparison.Ordinal);
        var forged = written.PathAndQuery[..^2] + (written.PathAndQuery.EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA");
        Assert.NotEqual(HttpStatusCode.OK, (await bed.Anonymous.GetAsync(forged)).StatusCode);

        await bed.SignInAgainAsync();
        var page = await bed.County.GetAsync(LoanNotices.NoticePath(record, 30));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("书面通知书", html, StringComparison.Ordinal);
        Assert.Contains("data-print", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_loan_imported_with_under_30_days_left_gets_both_notices_at_once_the_30_day_one_written()
    {
        await using var bed = await LoanTestBed.StartAsync();
        var (_, _, household) = bed.Household(1);
        var report = await bed.ImportAsync(LoanTestBed.Csv(LoanTestBed.Row("DK2026002", household.Number, bed.Today.AddDays(20))));

        Assert.Equal(2, report.ImmediateNotices.Count);
        Assert.Contains("即时发出", report.ImmediateNotices[1].Text, StringComparison.Ordinal);
        var record = await bed.WaitForAsync("DK2026002", r => r.Notices.Count == 2, "both notices");
        Assert.True(record.NoticeSent(60)!.Late && record.NoticeSent(30)!.Late && record.NoticeSent(30)!.Written);
        var messages = await bed.InboxAsync(LoanRecipients.Township(record), 2);
        Assert.All(messages, m => Assert.Contains("即时发出", m.Text, StringComparison.Ordinal));
    }
}
