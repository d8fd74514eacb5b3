using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Domain.Calendar;
using Workflow.Domain.Entries;
using Workflow.Domain.Exits;
using Workflow.Domain.Monitoring;
using Workflow.Domain.Register;
using Workflow.App.Analytics;
using Workflow.App.Analytics.Sources;
using Workflow.App.Exits;
using Workflow.App.Monitoring;
using Workflow.App.Register;
using Xunit;

namespace Workflow.App.Tests.Analytics;

/// <summary>
/// Entries and monitoring in the star schema: a relapse case (返贫) next to the same household's exit case, a month's
/// round with an alert that started the relapse, a death and a check not filed, exported into FactEntryCase,
/// FactMonitoringCheck, FactMonitoringAlert and FactMonthlyChange; and the exit facts holding exits only.
/// </summary>
public sealed class EntryMonitoringFactsTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly MonitoringMonth March = new(2026, 3);
    private const string Reason = "因病返贫：户主突发重病，医疗支出大";

    [Fact]
    public async Task An_entry_case_a_check_and_an_alert_are_exported_into_their_facts_and_the_exit_facts_keep_exits_only()
    {
        await using var bed = await AnalyticsTestBed.StartAsync();
        var exited = bed.Households.First(h => h.Household.Status != PovertyStatus.NotExited);
        var notExited = bed.NotExited;
        var relapseId = await WriteRelapseAsync(bed, exited);
        // The same household's exit, attempt 1: an entry case counted as an exit would take this case's key.
        await bed.WriteCaseAsync(exited, ExitCaseStatus.Approved, ExitProcedure.NationalOrder.Count, rejectAt: null);
        await bed.WriteCaseAsync(notExited[0], ExitCaseStatus.InProgress, 4, rejectAt: null);

        var checks = bed.Services.GetRequiredService<MonitoringCheckStore>();
        await checks.InitializeAsync(CancellationToken.None);
        var alerting = MonitoredHousehold.Of(exited, [SpecialGroup.SeriousIllness]) with { Category = MonitoringCategory.Monitored };
        var bereaved = MonitoredHousehold.Of(notExited[1], []) with { Category = MonitoringCategory.Monitored };
        var missing = MonitoredHousehold.Of(notExited[2], []) with { Category = MonitoringCategory.Edge };
        foreach (var asked in new[] { alerting, bereaved, missing })
        {
            await checks.OpenAsync(bed.CountyCode, March, asked, CancellationToken.None);
        }

        var ill = Check(alerting, new DateOnly(2026, 3, 3), 3100m, new NewRisks(true, false, false, 0, "借款给亲戚张三"));
        await checks.RecordCheckAsync(bed.CountyCode, ill, new CheckAssessment(["预计人均纯收入低于标准。"], ["income"]), "check-1",
            new DateTimeOffset(2026, 3, 3, 15, 0, 0, China), CancellationToken.None);
        await checks.RecordProposalAsync(bed.CountyCode, March, alerting.Number, $"已提出返贫申报（案件 {relapseId}）。", CancellationToken.None);
        await checks.RecordCheckAsync(bed.CountyCode, Check(bereaved, new DateOnly(2026, 3, 4), 9800m, new NewRisks(false, false, false, 1, null)),
            new CheckAssessment([], []), "check-2", new DateTimeOffset(2026, 3, 4, 10, 0, 0, China), CancellationToken.None);
        await checks.MarkRemindedAsync(bed.CountyCode, March, missing.Number, CancellationToken.None);

        var report = await bed.ExportAsync();
        Assert.False(report.Busy);
        var keys = bed.Services.GetRequiredService<HouseholdPseudonyms>();
        var household = keys.Of(bed.CountyCode, exited.Household.Number);

        // Exit facts: the two exit cases, the household's under its attempt-1 key, approved; no entry step in the steps.
        var exitCases = await bed.TableRowsAsync(ExitCaseFacts.Definition);
        Assert.Equal(2, exitCases.Count);
        var exitCase = Assert.Single(exitCases, r => r.GetString("HouseholdKey") == household);
        Assert.Equal($"{household}-1", exitCase.RowKey);
        Assert.Equal("Approved", exitCase.GetString("Status"));
        Assert.Equal(ExitProcedureCatalog.National.Id, exitCase.GetString("ProcedureId"));
        var exitSteps = await bed.TableRowsAsync(ExitStepFacts.Definition);
        Assert.DoesNotContain(exitSteps, r => r.GetString("Step") == ExitProcedure.Registration);
        Assert.Equal(exitSteps.Count(r => r.GetString("HouseholdKey") == household),
            (await bed.Services.GetRequiredService<ExitCaseStore>().ReadTimelineAsync(ExitCaseId.For(bed.CountyCode, exited.Household.Number, 1), CancellationToken.None))
                .Count(t => t.Kind is TimelineKinds.StepOpened or TimelineKinds.NoticeStarted or TimelineKinds.Deregistered));

        // FactEntryCase: the relapse under its own key, with its kind, mode, dates, working days and 挂号 date.
        var entry = Assert.Single(await bed.TableRowsAsync(EntryCaseFacts.Definition));
        Assert.Equal($"{household}-R1", entry.RowKey);
        Assert.Equal(entry.RowKey, entry.GetString("EntryCaseKey"));
        Assert.Equal($"{bed.CountyCode}|2026", entry.PartitionKey);
        Assert.Equal(household, entry.GetString("HouseholdKey"));
        Assert.Equal($"{bed.CountyCode}|{exited.TownshipCode}", entry.GetString("TownshipKey"));
        Assert.Equal($"{bed.CountyCode}|{exited.VillageCode}", entry.GetString("VillageKey"));
        Assert.Equal("返贫", entry.GetString("Kind"));
        Assert.Equal("即时纳入", entry.GetString("Mode"));
        Assert.Equal("Approved", entry.GetString("Status"));
        Assert.True(entry.GetBoolean("IsApproved"));
        Assert.Equal(Midnight(2026, 3, 2), entry.GetDateTimeOffset("StartedDate"));
        Assert.Equal(Midnight(2026, 3, 5), entry.GetDateTimeOffset("EndedDate"));
        Assert.Equal(WorkingCalendar.China.WorkingDaysBetween(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 5)), entry.GetInt32("WorkingDays"));
        Assert.Equal(1, entry.GetInt32("EscalatedSteps"));
        Assert.Equal(Midnight(2026, 3, 5), entry.GetDateTimeOffset("RegisteredDate"));
        Assert.False(entry.ContainsKey("CurrentStep"));

        // FactMonitoringCheck: the round's three households, filed or not.
        var checkRows = await bed.TableRowsAsync(MonitoringCheckFacts.Definition);
        Assert.Equal(3, checkRows.Count);
        Assert.All(checkRows, r => Assert.Equal($"{bed.CountyCode}|2026-03", r.PartitionKey));
        var alertCheck = Assert.Single(checkRows, r => r.RowKey == $"{household}-202603");
        Assert.True(alertCheck.GetBoolean("IsChecked"));
        Assert.True(alertCheck.GetBoolean("IsAlert"));
        Assert.Equal("2026-03", alertCheck.GetString("Month"));
        Assert.Equal(Midnight(2026, 3, 1), alertCheck.GetDateTimeOffset("MonthDate"));
        Assert.Equal(Midnight(2026, 3, 3), alertCheck.GetDateTimeOffset("CheckedDate"));
        Assert.Equal(3100d, alertCheck.GetDouble("ExpectedPerCapitaNetIncome"));
        Assert.True(alertCheck.GetBoolean("SeriousIllness"));
        Assert.True(alertCheck.GetBoolean("OtherRisk"));
        Assert.Equal(0, alertCheck.GetInt32("MembersDied"));
        Assert.Equal(1, alertCheck.GetInt32("SpecialGroups"));
        var died = Assert.Single(checkRows, r => r.RowKey == $"{keys.Of(bed.CountyCode, bereaved.Number)}-202603");
        Assert.Equal(1, died.GetInt32("MembersDied"));
        Assert.False(died.GetBoolean("IsAlert"));
        var notFiled = Assert.Single(checkRows, r => r.GetBoolean("IsChecked") == false);
        Assert.Equal($"{keys.Of(bed.CountyCode, missing.Number)}-202603", notFiled.RowKey);
        Assert.True(notFiled.GetBoolean("IsReminded"));
        Assert.False(notFiled.ContainsKey("CheckedDate"));
        Assert.False(notFiled.ContainsKey("FoodSecure"));

        // FactMonitoringAlert: the one alert, naming the relapse case it started by its key.
        var alert = Assert.Single(await bed.TableRowsAsync(MonitoringAlertFacts.Definition));
        Assert.Equal(alertCheck.RowKey, alert.RowKey);
        Assert.Equal(alertCheck.RowKey, alert.GetString("CheckKey"));
        Assert.Equal("返贫", alert.GetString("Proposal"));
        Assert.Equal(entry.RowKey, alert.GetString("RelapseCaseKey"));
        Assert.False(alert.ContainsKey("ProposalNote"));
        Assert.Equal("预计人均纯收入低于标准。", alert.GetString("Reasons"));
        Assert.Equal("income", alert.GetString("FailedIndicators"));
        Assert.Equal(Midnight(2026, 3, 3), alert.GetDateTimeOffset("AlertDate"));

        // FactMonthlyChange: the 返贫 at its 挂号 day and the death at its check.
        var changes = await bed.TableRowsAsync(MonthlyChangeFacts.Definition);
        var relapse = Assert.Single(changes, r => r.GetString("Kind") == "返贫");
        Assert.Equal($"{household}-202603-relapse", relapse.RowKey);
        Assert.Equal($"{bed.CountyCode}|2026-03", relapse.PartitionKey);
        Assert.Equal(Midnight(2026, 3, 5), relapse.GetDateTimeOffset("ChangeDate"));
        Assert.Equal(exited.Household.Size, relapse.GetInt32("People"));
        Assert.Equal(Reason, relapse.GetString("Reason"));
        var death = Assert.Single(changes, r => r.GetString("Kind") == "死亡");
        Assert.Equal($"{keys.Of(bed.CountyCode, bereaved.Number)}-202603-death", death.RowKey);
        Assert.Equal(1, death.GetInt32("People"));
        Assert.Equal($"{bed.CountyCode}|{bereaved.TownshipCode}", death.GetString("TownshipKey"));

        // No 户编号, name, case id or 其他风险 text in any of the new facts.
        var personal = new[] { exited.Household.Number, exited.Household.Head.Name, relapseId, "张三", bereaved.HeadName, bereaved.Number };
        foreach (var table in new[] { EntryCaseFacts.Definition, MonitoringCheckFacts.Definition, MonitoringAlertFacts.Definition, MonthlyChangeFacts.Definition })
        {
            foreach (var row in await bed.TableRowsAsync(table))
            {
                foreach (var value in row.Select(p => p.Value).OfType<string>())
                {
                    Assert.DoesNotContain(personal, p => value.Contains(p, StringComparison.Ordinal));
                }
            }
        }
    }

    private static DateTimeOffset Midnight(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);

    private static MonthlyCheck Check(MonitoredHousehold household, DateOnly on, decimal income, NewRisks risks) =>
        new(household.Number, March, on, income, true, true, true, true, true, true, risks, "李帮扶");

    /// <summary>A 返贫 case as the entry orchestration leaves it once approved and registered, and the register's 挂号 record.</summary>
    private static async Task<string> WriteRelapseAsync(AnalyticsTestBed bed, RegisteredHousehold registered)
    {
        var cases = bed.Services.GetRequiredService<ExitCaseStore>();
        var household = registered.Household;
        var caseId = ExitCaseId.ForEntry(bed.CountyCode, household.Number, CaseKind.Relapse, 1);
        var started = new DateTimeOffset(2026, 3, 2, 9, 0, 0, China);
        var ended = new DateTimeOffset(2026, 3, 5, 16, 0, 0, China);
        await cases.TryAddAsync(new ExitCase(caseId, bed.CountyCode, registered.TownshipCode, registered.Township, registered.VillageCode, registered.Village,
            household.Number, household.Head.Name, household.Head.IdNumber.Mask(), 1, 2026, EntryProcedureCatalog.National.Id, ExitCaseStatus.InProgress, null, null,
            false, null, [], started, "县扶贫办 王干事", null, null, CaseKind.Relapse, EntryMode.Immediate, Reason), CancellationToken.None);
        await cases.AppendTimelineAsync(caseId, new TimelineEntry(1, started, TimelineKinds.StepOpened, ExitProcedure.Appraisal, "开始"), CancellationToken.None);
        await cases.AppendTimelineAsync(caseId, new TimelineEntry(2, started.AddDays(1), TimelineKinds.Escalated, ExitProcedure.Appraisal, "逾期"), CancellationToken.None);
        await cases.AppendTimelineAsync(caseId, new TimelineEntry(3, started.AddDays(2), TimelineKinds.Decided, ExitProcedure.Appraisal, "同意", "张审核"), CancellationToken.None);
        await cases.AppendTimelineAsync(caseId, new TimelineEntry(4, ended, TimelineKinds.Registered, ExitProcedure.Registration, "挂号"), CancellationToken.None);
        await cases.UpdateAsync(await cases.ReadRequiredAsync(caseId, CancellationToken.None), 4, change => change.End(ExitCaseStatus.Approved, ended, "挂号"),
            CancellationToken.None);
        await bed.Services.GetRequiredService<RegisterStore>().RecordEntryAsync(bed.CountyCode, household.Number,
            new EntryRecord(caseId, new DateOnly(2026, 3, 5), EntryKind.Relapse, Reason), CancellationToken.None);
        return caseId;
    }
}
