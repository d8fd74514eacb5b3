using System.Runtime.CompilerServices;
using Workflow.Domain.Calendar;
using Workflow.Domain.Funds;
using Workflow.Domain.Rectification;
using Workflow.Domain.Register;
using Workflow.App.Funds;

namespace Workflow.App.Analytics.Sources;

/// <summary>
/// FactDisbursementStep: one row per hand-over of an allocation's money (拨付环节): 县财政→镇财政所 (15 days), 镇财政所→经管站
/// (5 working days), and each village's payment request (5 working days; Funds/Rules/default.json, 003). Working days
/// are counted with the calendar the workflow counts its deadlines with (<see cref="FundDeadlines.Calendar"/>, which a
/// county or a test replaces), so the export and the 督办单 agree. Overdue days count from the deadline 003 sets, not
/// a 督办单's, to the payment or, unpaid, to the export date, as the allocation's page shows them. The payer's name,
/// the voucher and the request's purpose text are not exported.
/// </summary>
public sealed class DisbursementStepFacts(FundStore funds, FundDeadlines deadlines) : IExportSource
{
    public static ExportTable Definition { get; } = new(
        "FactDisbursementStep",
        ExportTableKind.Fact,
        "one row per disbursement step (拨付环节) of an allocation: county to township finance office, finance office to economic office, or one village's payment",
        "county code|year of the allocation's date (its allocation's partition)",
        [
            new("StepKey", ColumnType.String, "AllocationKey.step (county, finance, village-1, village-2, …)"),
            new("AllocationKey", ColumnType.String, "FactFundAllocation"),
            new("CountyCode", ColumnType.String, "县 code"),
            new("TownshipKey", ColumnType.String, "DimTownship"),
            new("VillageKey", ColumnType.String, "DimVillage: the project village of a village payment; empty for the first two steps", Nullable: true),
            new("Step", ColumnType.String, "the step's key within its allocation: county, finance, village-1, …"),
            new("Stage", ColumnType.String, "拨付环节: 县财政拨付至镇财政所, 镇财政所拨付至镇经管站 or 镇经管站拨付至项目村"),
            new("Amount", ColumnType.Decimal, "what the step is to pay, yuan: the allocation, what the finance office received, or the village's request"),
            new("OpenedDate", ColumnType.Date, "DimDate: the day its clock started: the allocation's date, step 1's payment date, the request's approval date"),
            new("DeadlineDays", ColumnType.Int, "the days the rules give the stage (15, 5, 5; 003)"),
            new("IsWorkingDayDeadline", ColumnType.Bool, "the days are working days (工作日), not calendar days"),
            new("DueDate", ColumnType.Date, "DimDate: the deadline 003 sets (法定时限)"),
            new("Deadline", ColumnType.Date, "the deadline in force: the 督办单's once supervised"),
            new("IsPaid", ColumnType.Bool, "the payment is recorded"),
            new("PaidDate", ColumnType.Date, "DimDate: the payment's date; empty until paid", Nullable: true),
            new("PaidAmount", ColumnType.Decimal, "the amount paid, yuan; empty until paid", Nullable: true),
            new("WorkingDaysTaken", ColumnType.Int, "working days from the opened date to the payment (the opened day not counted); empty until paid", Nullable: true),
            new("IsOnTime", ColumnType.Bool, "paid on or before the deadline 003 sets; empty until paid", Nullable: true),
            new("IsOverdue", ColumnType.Bool, "unpaid and past the deadline in force on the export date"),
            new("OverdueDays", ColumnType.Int, "calendar days past the deadline 003 sets, to the payment or, unpaid, the export date; 0 when not past"),
            new("OverdueWorkingDays", ColumnType.Int, "the same in working days"),
            new("SupervisionNotices", ColumnType.Int, "督办单 issued for it"),
            new("IsSummoned", ColumnType.Bool, "约谈 recorded: still unpaid after the 督办单's deadline"),
        ]);

    public ExportTable Table => Definition;

    public async IAsyncEnumerable<ExportRow> ReadAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var today = ShanghaiTime.DateOf(scope.Now);
        foreach (var county in scope.Counties)
        {
            // By year: the exporter takes a partition's rows together.
            foreach (var record in (await funds.ListAsync(county.Code, cancellationToken).ConfigureAwait(false)).OrderBy(r => r.Allocation.AllocatedOn.Year))
            {
                foreach (var step in await funds.ListStepsAsync(record.Allocation.AllocationId, cancellationToken).ConfigureAwait(false))
                {
                    yield return Row(record.Allocation, step, today);
                }
            }
        }
    }

    private ExportRow Row(FundAllocation allocation, DisbursementStep step, DateOnly today)
    {
        var calendar = deadlines.Calendar;
        var rule = deadlines.Rules.For(step.Stage);
        var overdue = step.OverdueDays(today);
        var key = $"{allocation.AllocationId}.{step.Step}";
        return new ExportRow(FundAllocationFacts.Partition(allocation), key,
        [
            key, allocation.AllocationId, allocation.CountyCode, ExportScope.Partition(allocation.CountyCode, allocation.TownshipCode),
            step.VillageCode is { } village ? ExportScope.Partition(allocation.CountyCode, village) : null, step.Step, ChineseTerms.Of(step.Stage), step.Amount,
            step.StartsOn, rule.Days, rule.WorkingDays, step.Statutory, step.DueOn, step.IsPaid, step.PaidOn, step.PaidAmount,
            step.PaidOn is { } paid ? calendar.WorkingDaysBetween(step.StartsOn, paid) : null, step.PaidOn is { } on ? on <= step.Statutory : null,
            step.IsOverdue(today), overdue, overdue == 0 ? 0 : calendar.WorkingDaysBetween(step.Statutory, step.PaidOn ?? today),
            step.Overdue == OverdueStage.None ? 0 : 1, step.Overdue == OverdueStage.Summoned,
        ]);
    }
}
