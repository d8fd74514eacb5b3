using Workflow.App.Monitoring;
using Workflow.Domain.Monitoring;
using Workflow.Domain.Register;
using Workflow.Domain.Standards;
using Xunit;

namespace Workflow.App.Tests.Monitoring;

/// <summary>
/// 一季一排查 against checks recorded in the real checks table: households checked in each month of the quarter,
/// alerts by reason, risks by kind, deaths; and each cadre's checks not filed.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class QuarterSummaryTests(AzuriteFixture azurite)
{
    private static readonly StandardRuleSet Lufeng = StandardCatalog.For("532331", 2020);

    [Fact]
    public async Task The_quarter_counts_households_checked_every_month_alerts_by_reason_and_risks_by_kind()
    {
        // A county of its own in the shared tables: a random code keeps other tests' rows out of its partitions.
        var county = $"9{Random.Shared.Next(10000, 99999)}";
        var store = new MonitoringCheckStore(azurite.Tables);
        await store.InitializeAsync(CancellationToken.None);
        var a = Household("A01", "101", "碧城镇", "李帮扶");
        var b = Household("B01", "101", "碧城镇", "李帮扶");
        var c = Household("C01", "102", "金山镇", "赵帮扶");
        var quarter = MonitoringMonth.OfQuarter(2020, 1);
        foreach (var month in quarter)
        {
            foreach (var household in new[] { a, b, c })
            {
                await store.OpenAsync(county, month, household, CancellationToken.None);
            }

            // A files every month (below the line in February, with an illness); B misses February; C never files.
            await RecordAsync(store, county, Check(a, month, month.Month == 2 ? 3500m : 6000m, month.Month == 2 ? new NewRisks(true, false, false, 0, null) : NewRisks.None));
            if (month.Month != 2)
            {
                await RecordAsync(store, county, Check(b, month, 6000m, month.Month == 3 ? new NewRisks(false, true, true, 1, "房屋漏雨") : NewRisks.None, housing: month.Month == 3));
            }
        }

        var reader = new MonitoringReader(store);
        var summary = await reader.QuarterAsync(county, 2020, 1, CancellationToken.None);

        var bicheng = summary.Townships.Single(t => t.Township == "碧城镇");
        // A in February (income), B in March (housing).
        Assert.Equal((2, 1, 5, 2), (bicheng.Households, bicheng.CheckedEveryMonth, bicheng.Checks, bicheng.AlertingChecks));
        Assert.Equal((1, 1, 0), (bicheng.AlertsByReason["income"], bicheng.AlertsByReason["housing"], bicheng.AlertsByReason["water"]));
        Assert.Equal((1, 1, 1, 1, 1), (bicheng.RisksByKind[RiskKind.SeriousIllness], bicheng.RisksByKind[RiskKind.Disaster], bicheng.RisksByKind[RiskKind.LostWork],
            bicheng.RisksByKind[RiskKind.Death], bicheng.RisksByKind[RiskKind.Other]));
        Assert.Equal(1, bicheng.MembersDied);
        var jinshan = summary.Townships.Single(t => t.Township == "金山镇");
        Assert.Equal((1, 0, 0, 0), (jinshan.Households, jinshan.CheckedEveryMonth, jinshan.Checks, jinshan.AlertingChecks));
        Assert.Equal((3, 1, 5), (summary.Total.Households, summary.Total.CheckedEveryMonth, summary.Total.Checks));

        var missed = await reader.MissedChecksByCadreAsync(county, quarter, CancellationToken.None);
        Assert.Equal(["李帮扶:1", "赵帮扶:3"], missed.Select(m => $"{m.Cadre.Name}:{m.Missed.Count}"));
        Assert.Equal(("B01", 2), (missed[0].Missed[0].HouseholdNumber, missed[0].Missed[0].Month.Month));
    }

    private static MonitoredHousehold Household(string number, string township, string name, string cadre) =>
        new(number, township, name, township + "200", "一村", "户主" + number, cadre, MonitoringCategory.Monitored, PovertyStatus.ExitedWithPolicy, 3, []);

    private static MonthlyCheck Check(MonitoredHousehold h, MonitoringMonth month, decimal income, NewRisks risks, bool housing = true) =>
        new(h.Number, month, month.FirstDay.AddDays(5), income, true, true, true, true, housing, true, risks, h.Cadre);

    private static Task RecordAsync(MonitoringCheckStore store, string county, MonthlyCheck check) =>
        store.RecordCheckAsync(county, check, CheckAssessment.Of(check, Lufeng), $"{check.HouseholdNumber}-{check.Month.Key}", DateTimeOffset.UnixEpoch, CancellationToken.None);
}
