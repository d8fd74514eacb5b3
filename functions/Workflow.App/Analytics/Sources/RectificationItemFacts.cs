using System.Globalization;
using System.Runtime.CompilerServices;
using Workflow.Domain.Calendar;
using Workflow.Domain.Rectification;
using Workflow.Domain.Register;
using Workflow.App.Rectification;

namespace Workflow.App.Analytics.Sources;

/// <summary>
/// FactRectificationItem: the rectification ledger (整改台账), one row per item. Its PartitionKey is the ledger's own
/// (county|year): one ledger partition read makes one fact partition, so closing an item changes that partition
/// only; a township partition would not be smaller to refresh (the ledger is read by county-year anyway) and has no
/// place for county-wide findings. Overdue days count from the finding's 整改时限 to the day the item was closed, or
/// for an item not closed to the export date, so they are as of the export. No description, reason or person's name
/// is exported.
/// </summary>
public sealed class RectificationItemFacts(RectificationStore ledger) : IExportSource
{
    public static ExportTable Definition { get; } = new(
        "FactRectificationItem",
        ExportTableKind.Fact,
        "one row per rectification item (整改事项): one finding of an inspection or evaluation being rectified",
        "county code|year of the ledger (the ledger's own partition: closing an item rewrites its county-year only)",
        [
            new("ItemKey", ColumnType.String, "the ledger's item id, county-year-digest of the finding"),
            new("CountyCode", ColumnType.String, "县 code"),
            new("Year", ColumnType.Int, "the campaign year whose ledger holds the item"),
            new("TownshipKey", ColumnType.String, "DimTownship; empty for a county-wide finding", Nullable: true),
            new("UnitKey", ColumnType.String, "DimUnit: the responsible unit (责任单位)"),
            new("Source", ColumnType.String, "来源: 国检, 省检, 市检, 第三方评估, 巡察 or 审计"),
            new("Category", ColumnType.String, "问题类别 as entered, e.g. 住房安全"),
            new("Status", ColumnType.String, "整改状态: 待整改, 整改中, 已提交 or 已销号"),
            new("IsClosed", ColumnType.Bool, "已销号"),
            new("IsOverdue", ColumnType.Bool, "逾期 on the export date: not submitted and past the 整改时限"),
            new("OpenedDate", ColumnType.Date, "DimDate: the China date the finding was entered"),
            new("DueDate", ColumnType.Date, "DimDate: the finding's 整改时限"),
            new("Deadline", ColumnType.Date, "the deadline in force: the 督办单's once supervised"),
            new("ClosedDate", ColumnType.Date, "DimDate: the China date it was verified and closed (销号); empty until then", Nullable: true),
            new("IsClosedOnTime", ColumnType.Bool, "closed by its 整改时限; empty until closed", Nullable: true),
            new("OverdueDays", ColumnType.Int, "calendar days past the 整改时限, to the closing date or (not closed) the export date; 0 when not past"),
            new("OverdueWorkingDays", ColumnType.Int, "the same in working days (WorkingCalendar); empty outside the calendar's years", Nullable: true),
            new("SupervisionNotices", ColumnType.Int, "督办单 issued for it"),
            new("IsSummoned", ColumnType.Bool, "约谈 recorded: overdue again after the 督办单"),
            new("SendBacks", ColumnType.Int, "submissions sent back (退回)"),
        ]);

    public ExportTable Table => Definition;

    public async IAsyncEnumerable<ExportRow> ReadAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var today = ShanghaiTime.DateOf(scope.Now);
        foreach (var county in scope.Counties)
        {
            await foreach (var item in ledger.ReadCountyAsync(county.Code, cancellationToken).ConfigureAwait(false))
            {
                yield return Row(item, today);
            }
        }
    }

    public static string Partition(string countyCode, int year) => ExportScope.Partition(countyCode, year.ToString(CultureInfo.InvariantCulture));

    private static ExportRow Row(LedgerEntry item, DateOnly today)
    {
        DateOnly? closed = item.ClosedAt is { } at ? ShanghaiTime.DateOf(at) : null;
        var until = closed ?? today;
        var overdue = Math.Max(0, until.DayNumber - item.DueDate.DayNumber);
        return new ExportRow(Partition(item.CountyCode, item.Year), item.ItemId,
        [
            item.ItemId, item.CountyCode, item.Year, item.TownshipCode is { } township ? ExportScope.Partition(item.CountyCode, township) : null,
            PlanKeys.Unit(item.CountyCode, item.ResponsibleUnit), item.SourceName, item.Category, ChineseTerms.Of(item.Status),
            item.Status == RectificationStatus.Closed, item.IsOverdue(today), ShanghaiTime.DateOf(item.EnteredAt), item.DueDate, item.Deadline, closed,
            closed is { } c ? c <= item.DueDate : null, overdue, overdue == 0 ? 0 : WorkingDaysPast(item.DueDate, until),
            item.Stage == OverdueStage.None ? 0 : 1, item.Stage == OverdueStage.Summoned, item.Round - 1,
        ]);
    }

    private static int? WorkingDaysPast(DateOnly due, DateOnly until)
    {
        try
        {
            return WorkingCalendar.China.WorkingDaysBetween(due, until);
        }
        catch (CalendarYearNotAvailableException)
        {
            return null;
        }
    }
}
