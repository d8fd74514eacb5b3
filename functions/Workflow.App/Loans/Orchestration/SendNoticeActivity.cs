using Microsoft.DurableTask;
using Workflow.Domain.Loans;

namespace Workflow.App.Loans.Orchestration;

/// <summary>
/// Sends one notice of a loan and records it on the loan; run twice, it sends and records it once. A notice for a due
/// date the bank has since moved is not sent: the new date's own instance sends its notices.
/// </summary>
public sealed class SendNoticeActivity(LoanStore loans, LoanNotices notices, TimeProvider time) : TaskActivity<LoanNoticeInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, LoanNoticeInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var token = CancellationToken.None;
        var record = await loans.GetAsync(input.CountyCode, input.LoanNumber, token).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Loan {input.LoanNumber} of county {input.CountyCode} is not in the ledger.");
        if (input.DueDate is { } due && due != record.Loan.DueDate)
        {
            return false;
        }

        var rule = LoanRules.Default.NoticeAt(input.DaysBeforeDue)
            ?? throw new InvalidOperationException($"No notice {input.DaysBeforeDue} days before due.");
        var at = record.NoticeSent(rule.DaysBeforeDue)?.SentAt ?? time.GetUtcNow();
        var late = LoanNotices.IsLate(record, rule);
        await notices.SendAsync(record, rule, late, at, token).ConfigureAwait(false);
        await loans.RecordNoticeAsync(input.CountyCode, input.LoanNumber, new SentNotice(rule.DaysBeforeDue, rule.Written, at, late, record.Loan.DueDate), token).ConfigureAwait(false);
        return true;
    }
}
