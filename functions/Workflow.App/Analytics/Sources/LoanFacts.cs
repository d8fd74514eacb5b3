using System.Globalization;
using System.Runtime.CompilerServices;
using Workflow.Domain.Calendar;
using Workflow.Domain.Loans;
using Workflow.App.Loans;

namespace Workflow.App.Analytics.Sources;

/// <summary>
/// FactLoan: one row per small loan (扶贫小额信贷) in the county's ledger, with its limits (000) and the notices sent
/// before its due date (004). Due soon and overdue are as of the export date and come from <see cref="LoanWatchList"/>,
/// so they are the console's lists: the window is the first notice's days (60, 004), a rule of the data, not a number
/// in the model. The borrower's name, the 户编号 and the 帮扶责任人 are not exported; the household is its pseudonym.
/// </summary>
public sealed class LoanFacts(LoanStore loans) : IExportSource
{
    public static ExportTable Definition { get; } = new(
        "FactLoan",
        ExportTableKind.Fact,
        "one row per small loan (扶贫小额信贷) of the county's ledger",
        "county code|year of the due date",
        [
            new("LoanKey", ColumnType.String, "county code|贷款编号 (upper-cased, as the ledger keeps it)"),
            new("LoanNumber", ColumnType.String, "贷款编号, the bank's number of the loan"),
            new("HouseholdKey", ColumnType.String, "DimHousehold: the borrowing household"),
            new("CountyCode", ColumnType.String, "县 code"),
            new("TownshipKey", ColumnType.String, "DimTownship"),
            new("VillageKey", ColumnType.String, "DimVillage"),
            new("Bank", ColumnType.String, "承贷银行"),
            new("Amount", ColumnType.Decimal, "贷款金额, yuan"),
            new("StartDate", ColumnType.Date, "放款日期"),
            new("DueDate", ColumnType.Date, "DimDate: 到期日期"),
            new("TermMonths", ColumnType.Int, "whole months from 放款日期 to 到期日期"),
            new("IsOverAmount", ColumnType.Bool, "over 000's limit of 5 万元 (flagged, not refused)"),
            new("IsOverTerm", ColumnType.Bool, "over 000's limit of 3 years (flagged, not refused)"),
            new("PreparationNoticeSentAt", ColumnType.DateTime, "when the 60-day notice (还款准备通知, 004) went (UTC); empty until then", Nullable: true),
            new("WrittenNoticeSentAt", ColumnType.DateTime, "when the 30-day written notice (书面通知, 004) went (UTC); empty until then", Nullable: true),
            new("Status", ColumnType.String, "on the export date: 已逾期 (past due), 即将到期 (due within the first notice's 60 days) or 未到期"),
            new("IsDueSoon", ColumnType.Bool, "due within the first notice's days (60, 004) of the export date, today included"),
            new("IsOverdue", ColumnType.Bool, "past its due date on the export date (the bank's file has no repayments)"),
        ]);

    public ExportTable Table => Definition;

    public async IAsyncEnumerable<ExportRow> ReadAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rules = LoanRules.Default;
        var today = ShanghaiTime.DateOf(scope.Now);
        foreach (var county in scope.Counties)
        {
            var records = await loans.ListAsync(county.Code, cancellationToken).ConfigureAwait(false);
            var list = LoanWatchList.Of(records, today, rules);
            var dueSoon = list.DueSoon.Select(l => l.Record.Loan.LoanNumber).ToHashSet(StringComparer.Ordinal);
            var overdue = list.Overdue.Select(l => l.Record.Loan.LoanNumber).ToHashSet(StringComparer.Ordinal);
            // By year: the exporter takes a partition's rows together.
            foreach (var record in records.OrderBy(r => r.Loan.DueDate.Year))
            {
                yield return Row(scope, record, rules, dueSoon.Contains(record.Loan.LoanNumber), overdue.Contains(record.Loan.LoanNumber));
            }
        }
    }

    private static ExportRow Row(ExportScope scope, LoanRecord record, LoanRules rules, bool isDueSoon, bool isOverdue)
    {
        var loan = record.Loan;
        var county = record.CountyCode;
        var number = LoanStore.RowKeyOf(loan.LoanNumber);
        var flags = loan.FlagsUnder(rules);
        return new ExportRow(ExportScope.Partition(county, loan.DueDate.Year.ToString(CultureInfo.InvariantCulture)), number,
        [
            ExportScope.Partition(county, number), loan.LoanNumber, scope.Pseudonyms.Of(county, loan.HouseholdNumber), county,
            ExportScope.Partition(county, record.TownshipCode), ExportScope.Partition(county, record.VillageCode), loan.Bank, loan.Amount, loan.StartDate, loan.DueDate,
            TermMonths(loan.StartDate, loan.DueDate), flags.Contains(LoanExcess.OverAmount), flags.Contains(LoanExcess.OverTerm),
            record.NoticeSent(rules.PreparationNotice.DaysBeforeDue)?.SentAt, record.NoticeSent(rules.WrittenNotice.DaysBeforeDue)?.SentAt,
            isOverdue ? "已逾期" : isDueSoon ? "即将到期" : "未到期", isDueSoon, isOverdue,
        ]);
    }

    private static int TermMonths(DateOnly start, DateOnly due)
    {
        var months = ((due.Year - start.Year) * 12) + due.Month - start.Month;
        return due.Day < start.Day ? months - 1 : months;
    }
}
