using System.Globalization;
using Workflow.App.Links;
using Workflow.App.Notifications;
using Workflow.Domain.Calendar;
using Workflow.Domain.Exits;
using Workflow.Domain.Monitoring;
using Workflow.Domain.Register;

namespace Workflow.App.Monitoring.Changes;

/// <summary>
/// 月底前上报: on the month's last working day the county's change report goes to the 县扶贫办经办人 with a link to its
/// page, and each township's 乡镇审核人 is sent the township's own counts and lines. Seed 002_5f21325f1a4d38f3.txt:
/// “指派专人每月统计一次辖区内新发生的符合纳入条件贫困人口、返贫人口、自然死亡贫困人口数量，详细记录每名贫困人口调整变动原因，月底前上报扶贫办。”
/// The page is read when it is opened, so what changes later that day is in it; the notices are keyed by county,
/// month and township, so a run repeated that day sends nothing twice.
/// </summary>
public sealed class ChangeReportNotice(ChangeReportReader reader, NotificationOutbox outbox, LinkAddresses addresses, TimeProvider time)
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.China.WithWeekendsWhereUnpublished();

    /// <summary>The month's last working day (Beijing): the day the report is due.</summary>
    public static DateOnly DueOn(MonitoringMonth month)
    {
        var day = month.LastDay;
        while (!Calendar.IsWorkingDay(day) && day > month.FirstDay)
        {
            day = day.AddDays(-1);
        }

        return day;
    }

    /// <summary>The console page of the county's (or one township's) report.</summary>
    public static string PagePath(string countyCode, MonitoringMonth month, string? townshipCode = null) =>
        $"/console/changes?county={Uri.EscapeDataString(countyCode)}&month={month.Key}"
        + (townshipCode is null ? string.Empty : $"&township={Uri.EscapeDataString(townshipCode)}");

    /// <summary>Sends the month's report when today (Beijing) is its due day; returns whether it was due.</summary>
    public async Task<bool> SendIfDueAsync(string countyCode, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = ShanghaiTime.DateOf(now);
        var month = MonitoringMonth.Of(today);
        if (today != DueOn(month) || await reader.ReadAsync(countyCode, month, null, cancellationToken).ConfigureAwait(false) is not { } report)
        {
            return false;
        }

        var key = $"change-report-{countyCode}-{month.Key}";
        await outbox.RecordAsync(new NotificationMessage(key, NotificationKinds.TaskDue, key, $"{ExitRole.CountyOfficer}@{countyCode}",
            $"{report.County}{month}贫困人口变动报告",
            $"{report.County}{month}变动：{Counts(report.Total)}。请核对后上报。",
            addresses.Absolute(PagePath(countyCode, month)), now), cancellationToken).ConfigureAwait(false);
        foreach (var township in report.Townships)
        {
            var lines = township.Lines.Select(l => $"{ChineseTerms.Of(l.Kind)} {l.Village}{l.HeadName}户（{l.People} 人）：{l.Reason}");
            await outbox.RecordAsync(new NotificationMessage($"{key}-{township.TownshipCode}", NotificationKinds.TaskDue, key,
                $"{ExitRole.TownshipApprover}@{township.TownshipCode}", $"{township.Township}{month}贫困人口变动",
                $"{township.Township}{month}变动：{Counts(township.Count)}。" + (township.Lines.Count == 0 ? "本月无变动。" : string.Join("；", lines) + "。"),
                null, now), cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    private static string Counts(Func<ChangeKind, ChangeCount> count) => string.Join("，", ChangeReport.Kinds.Select(k =>
        k == ChangeKind.Death
            ? string.Create(CultureInfo.InvariantCulture, $"{ChineseTerms.Of(k)} {count(k).People} 人")
            : string.Create(CultureInfo.InvariantCulture, $"{ChineseTerms.Of(k)} {count(k).Households} 户 {count(k).People} 人")));
}
