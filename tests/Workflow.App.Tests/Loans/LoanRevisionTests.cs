using System.Net;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Workflow.App.Audit;
using Workflow.App.Loans;
using Xunit;

namespace Workflow.App.Tests.Loans;

/// <summary>
/// A bank's later ledger changes a loan it sent before: an extension (展期) moves the due date, so the notices of the old
/// date stop and the new date gets its own 60- and 30-day notices (004); a 贷款编号 the ledger holds for another household
/// is refused by line; each import and each change is audited.
/// </summary>
public class LoanRevisionTests
{
    [Fact]
    public async Task An_extended_loan_is_revised_its_old_notices_stop_and_its_new_due_date_gets_its_own_notices()
    {
        await using var bed = await LoanTestBed.StartAsync();
        var (_, _, household) = bed.Household(0);
        var (_, _, other) = bed.Household(1);
        var due = bed.Today.AddDays(61);
        await bed.ImportAsync(LoanTestBed.Csv(LoanTestBed.Row("DK2026101", household.Number, due)));
        bed.Clock.Advance(TimeSpan.FromDays(1));
        var record = await bed.WaitForAsync("DK2026101", r => r.NoticeSent(60) is not null, "the 60-day notice of the first due date");
        var cadre = LoanRecipients.Cadre(record);
        var firstNotice = Assert.Single(await bed.InboxAsync(cadre, 1)).Link!.PathAndQuery;
        Assert.Equal(HttpStatusCode.OK, (await bed.Anonymous.GetAsync(firstNotice)).StatusCode);

        // The bank extends the loan by 90 days.
        var extended = due.AddDays(90);
        var report = await bed.ImportAsync(LoanTestBed.Csv(LoanTestBed.Row("DK2026101", household.Number, extended)));
        Assert.Equal((0, 0), (report.Imported, report.AlreadyInLedger));
        var revised = Assert.Single(report.Revised);
        Assert.Equal((2, "DK2026101"), (revised.Line, revised.LoanNumber));
        Assert.Contains($"到期日期 {due:yyyy-MM-dd} → {extended:yyyy-MM-dd}", revised.Text, StringComparison.Ordinal);
        Assert.Empty(report.ImmediateNotices);
        Assert.Empty(report.Errors);

        // Another file gives the number, written as another bank writes it, to another household: refused by line, nothing changed.
        var clash = await bed.ImportAsync(LoanTestBed.Csv(LoanTestBed.Row("dk2026101", other.Number, extended.AddDays(30))));
        var refused = Assert.Single(clash.Errors);
        Assert.Equal(2, refused.Line);
        Assert.Contains($"属于户编号「{household.Number}」", refused.Reason, StringComparison.Ordinal);
        Assert.Equal((0, 0, 0), (clash.Imported, clash.Revised.Count, clash.AlreadyInLedger));

        // The first notice's link now says the date has moved instead of showing the old one.
        var superseded = await bed.Anonymous.GetAsync(firstNotice);
        Assert.Equal(HttpStatusCode.Gone, superseded.StatusCode);
        Assert.Contains($"变更为 {extended:yyyy-MM-dd}", await superseded.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        record = (await bed.LoanAsync("DK2026101"))!;
        Assert.Equal((extended, household.Number), (record.Loan.DueDate, record.Loan.HouseholdNumber));
        Assert.Null(record.NoticeSent(60));
        Assert.Equal(due, Assert.Single(record.Notices).DueDate);
        Assert.NotNull(record.RevisedAt);

        // The old date's 30-day day comes: its instance ends without a notice.
        var client = bed.Services.GetRequiredService<DurableTaskClient>();
        bed.Clock.Advance(TimeSpan.FromDays(30));
        var old = await client.WaitForInstanceCompletionAsync(LoanInstances.Maturity(bed.Places.Code, "DK2026101", due));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, old.RuntimeStatus);
        Assert.Single((await bed.LoanAsync("DK2026101"))!.Notices);

        // 60 days before the new date: its own notice goes out, a second message to the cadre.
        bed.Clock.Advance(TimeSpan.FromDays(60));
        record = await bed.WaitForAsync("DK2026101", r => r.NoticeSent(60) is not null, "the 60-day notice of the new due date");
        Assert.Equal(extended, record.NoticeSent(60)!.DueDate);
        Assert.False(record.NoticeSent(60)!.Late);
        var messages = await bed.InboxAsync(cadre, 2);
        Assert.Equal(2, messages.Count);
        Assert.Single(messages, m => m.Text.Contains(extended.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        var audit = await bed.Services.GetRequiredService<AuditLog>().ReadAsync(LoanImporter.AuditSubject(bed.Places.Code), CancellationToken.None);
        Assert.Equal(3, audit.Count(a => a.Action == "import"));
        var change = Assert.Single(audit, a => a.Action == "revise");
        Assert.Equal(("DK2026101", revised.Text), (change.Step, $"已按本次台账更新：{change.Comment}"));
        Assert.Single(audit, a => a.Action == "import" && a.Comment!.Contains("更新 1 笔", StringComparison.Ordinal));
    }
}
