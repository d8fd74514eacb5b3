using System.Globalization;
using System.Runtime.CompilerServices;
using Workflow.Domain.Funds;
using Workflow.Domain.Register;
using Workflow.App.Funds;

namespace Workflow.App.Analytics.Sources;

/// <summary>
/// FactFundAllocation: one row per fund allocation (资金分配) with what has been paid of it so far. Read from
/// <see cref="FundStore"/> as the fund pages read it; the payer's name and the voucher are not exported.
/// </summary>
public sealed class FundAllocationFacts(FundStore funds) : IExportSource
{
    public static ExportTable Definition { get; } = new(
        "FactFundAllocation",
        ExportTableKind.Fact,
        "one row per fund allocation (资金分配): special poverty funds the county allocated to one township by one document",
        "county code|year of the allocation's date (a payment rewrites that county-year only)",
        [
            new("AllocationKey", ColumnType.String, "the allocation's id (fund-county-hash of township and 文号)"),
            new("CountyCode", ColumnType.String, "县 code"),
            new("TownshipKey", ColumnType.String, "DimTownship"),
            new("Source", ColumnType.String, "资金来源, e.g. 中央财政专项扶贫资金"),
            new("Amount", ColumnType.Decimal, "金额 allocated, yuan"),
            new("DocumentNumber", ColumnType.String, "文号 of the allocation document"),
            new("AllocatedDate", ColumnType.Date, "DimDate: the allocation document's date (分配日期), from which step 1's 15 days run"),
            new("Status", ColumnType.String, "已完成, or 待 and the stage of the step awaiting payment, or 待项目村申请"),
            new("IsCompleted", ColumnType.Bool, "every step paid and the money all requested (拨付完毕)"),
            new("PaidToFinanceOffice", ColumnType.Decimal, "paid by county finance to the township finance office (step 1), yuan"),
            new("PaidToVillages", ColumnType.Decimal, "paid to project villages so far (the village steps), yuan"),
            new("Steps", ColumnType.Int, "disbursement steps opened (FactDisbursementStep)"),
        ]);

    public ExportTable Table => Definition;

    /// <summary>A county-year of allocations: the allocations and their steps share it.</summary>
    public static string Partition(FundAllocation allocation)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        return ExportScope.Partition(allocation.CountyCode, allocation.AllocatedOn.Year.ToString(CultureInfo.InvariantCulture));
    }

    public async IAsyncEnumerable<ExportRow> ReadAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var county in scope.Counties)
        {
            // By year: the exporter takes a partition's rows together.
            foreach (var record in (await funds.ListAsync(county.Code, cancellationToken).ConfigureAwait(false)).OrderBy(r => r.Allocation.AllocatedOn.Year))
            {
                var steps = await funds.ListStepsAsync(record.Allocation.AllocationId, cancellationToken).ConfigureAwait(false);
                yield return Row(record, steps);
            }
        }
    }

    private static ExportRow Row(AllocationRecord record, IReadOnlyList<DisbursementStep> steps)
    {
        var a = record.Allocation;
        var awaiting = steps.FirstOrDefault(s => !s.IsPaid);
        var status = record.Completed ? "已完成" : awaiting is not null ? "待" + ChineseTerms.Of(awaiting.Stage) : "待项目村申请";
        return new ExportRow(Partition(a), a.AllocationId,
        [
            a.AllocationId, a.CountyCode, ExportScope.Partition(a.CountyCode, a.TownshipCode), a.Source, a.Amount, a.DocumentNumber, a.AllocatedOn, status,
            record.Completed, steps.FirstOrDefault(s => s.Stage == DisbursementStage.CountyToFinanceOffice)?.PaidAmount ?? 0m,
            steps.Where(s => s.Stage == DisbursementStage.VillagePayment).Sum(s => s.PaidAmount ?? 0m), steps.Count,
        ]);
    }
}
