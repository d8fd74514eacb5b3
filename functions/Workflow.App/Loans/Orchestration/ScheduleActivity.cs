using Microsoft.DurableTask;
using Workflow.App.Durable;
using Workflow.Domain.Calendar;
using Workflow.Domain.Loans;

namespace Workflow.App.Loans.Orchestration;

/// <summary>
/// Works out a loan's notice times from its due date: each at the start (00:00 Beijing) of the day its days before due
/// fall on, calendar days as 004 counts them ("天"). The start of the day is an assumption: the seed names the day only.
/// </summary>
public sealed class ScheduleActivity(LoanStore loans, CountyClock clock) : TaskActivity<LoanInput, LoanSchedule>
{
    public override async Task<LoanSchedule> RunAsync(TaskActivityContext context, LoanInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var record = await loans.GetAsync(input.CountyCode, input.LoanNumber, CancellationToken.None).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Loan {input.LoanNumber} of county {input.CountyCode} is not in the ledger.");
        var notices = LoanRules.Default.Notices
            .Select(n => new ScheduledNotice(n.DaysBeforeDue, ShanghaiTime.StartOf(record.Loan.NoticeDate(n.DaysBeforeDue))))
            .ToList();
        return new LoanSchedule(notices, clock.Read());
    }
}
