using Microsoft.DurableTask;
using Workflow.App.Durable;

namespace Workflow.App.Loans.Orchestration;

/// <summary>
/// A loan's maturity notices (004): waits on the county clock to each notice's day, 60 then 30 days before the due
/// date, and sends it. A loan imported after a notice's day gets that notice at once (the wait is already over), so one
/// imported with under 30 days left gets both, the 30-day one written. Started once per loan and due date at import
/// (id <see cref="LoanInstances.Maturity(string, string, DateOnly)"/>); ends after the last notice. When the bank moves
/// the due date, the instance of the old date sends nothing more (see <see cref="SendNoticeActivity"/>).
/// </summary>
public sealed class LoanMaturityOrchestrator : TaskOrchestrator<LoanInput, int>
{
    public const string Name = "LoanMaturity";

    public override async Task<int> RunAsync(TaskOrchestrationContext context, LoanInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var schedule = await context.CallActivityAsync<LoanSchedule>(LoanActivities.Schedule, input, ActivityRetry.Options);
        CountyClockReading? reading = schedule.Reading;
        foreach (var notice in schedule.Notices)
        {
            await context.WaitUntilAsync(notice.At, reading, CancellationToken.None);
            reading = null;
            await context.CallActivityAsync<bool>(LoanActivities.SendNotice, new LoanNoticeInput(input.CountyCode, input.LoanNumber, notice.DaysBeforeDue, input.DueDate), ActivityRetry.Options);
        }

        return schedule.Notices.Count;
    }
}
