using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Domain.Funds;
using Workflow.Domain.Loans;
using Workflow.Domain.Projects;
using Workflow.Domain.Register;
using Workflow.App.Analytics;
using Workflow.App.Analytics.Sources;
using Workflow.App.Funds;
using Workflow.App.Loans;
using Workflow.App.Projects;
using Workflow.App.Register;
using Workflow.App.Tests.Funds;
using Xunit;

namespace Workflow.App.Tests.Analytics;

/// <summary>
/// Money in the star schema, exported on Tuesday 10 March 2026 under the fund tests' calendar (5 and 6 March a
/// holiday): two allocations with their steps as the disbursement workflow leaves them in the fund store (one step paid
/// late across the holiday and a weekend after a 督办单, one still unpaid past a deadline that fell on a Saturday), three
/// projects through the project ledger (one in operation with a quarter at 12% then one at 8%, one at exactly the 10%
/// line, one only proposed), and a bank ledger of three loans through the importer (one due in 41 days, one over both
/// limits, one overdue) with the notices their workflows sent. Each row is checked value by value, and each table's
/// CSV snapshot read back.
/// </summary>
public sealed class MoneyFactsTests
{
    /// <summary>Tuesday 10 March 2026, 01:00 in Beijing (before the daily export's time).</summary>
    private static readonly DateTimeOffset ExportDay = new(2026, 3, 10, 1, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Allocations_steps_projects_quarters_and_loans_are_exported_value_by_value()
    {
        await using var bed = await AnalyticsTestBed.StartAsync(FundTestBed.Calendar);
        bed.Clock.Advance(ExportDay - bed.Clock.GetUtcNow());
        var places = (await bed.Services.GetRequiredService<CountyDirectory>().FindPlacesAsync(bed.CountyCode, CancellationToken.None))!;
        var (first, second) = (places.Townships[0], places.Townships[1]);
        var village = first.Villages[0];
        var (late, unpaid) = await WriteAllocationsAsync(bed, first, second, village);
        var projects = await WriteProjectsAsync(bed, first, village);
        var borrowers = bed.Households.Take(3).ToList();
        await ImportLoansAsync(bed, places, borrowers);

        var report = await bed.ExportAsync();
        Assert.False(report.Busy);
        var county = bed.CountyCode;
        string Key(string code) => $"{county}|{code}";

        // FactFundAllocation: what each allocation has paid on so far, and what it waits for.
        var allocations = await bed.TableRowsAsync(FundAllocationFacts.Definition);
        Assert.Equal(2, allocations.Count);
        var a = Assert.Single(allocations, r => r.RowKey == late.AllocationId);
        Assert.Equal($"{county}|2026", a.PartitionKey);
        Assert.Equal(late.AllocationId, a.GetString("AllocationKey"));
        Assert.Equal(Key(first.Code), a.GetString("TownshipKey"));
        Assert.Equal("中央财政专项扶贫资金", a.GetString("Source"));
        Assert.Equal(100_000d, a.GetDouble("Amount"));
        Assert.Equal("县财字〔2026〕8号", a.GetString("DocumentNumber"));
        Assert.Equal(Midnight(2026, 2, 10), a.GetDateTimeOffset("AllocatedDate"));
        Assert.Equal("待镇经管站拨付至项目村", a.GetString("Status"));
        Assert.False(a.GetBoolean("IsCompleted"));
        Assert.Equal(100_000d, a.GetDouble("PaidToFinanceOffice"));
        Assert.Equal(20_000d, a.GetDouble("PaidToVillages"));
        Assert.Equal(4, a.GetInt32("Steps"));
        var b = Assert.Single(allocations, r => r.RowKey == unpaid.AllocationId);
        Assert.Equal(Key(second.Code), b.GetString("TownshipKey"));
        Assert.Equal("待县财政拨付至镇财政所", b.GetString("Status"));
        Assert.Equal(0d, b.GetDouble("PaidToFinanceOffice"));
        Assert.Equal(0d, b.GetDouble("PaidToVillages"));
        Assert.Equal(1, b.GetInt32("Steps"));

        // FactDisbursementStep: working days counted with the injected calendar, which has 5 and 6 March off.
        var steps = (await bed.TableRowsAsync(DisbursementStepFacts.Definition)).ToDictionary(r => r.GetString("StepKey"));
        Assert.Equal(5, steps.Count);
        var countyStep = steps[$"{late.AllocationId}.county"];
        Assert.Equal($"{county}|2026", countyStep.PartitionKey);
        Assert.Equal(late.AllocationId, countyStep.GetString("AllocationKey"));
        Assert.Equal(Key(first.Code), countyStep.GetString("TownshipKey"));
        Assert.False(countyStep.ContainsKey("VillageKey"));
        Assert.Equal("县财政拨付至镇财政所", countyStep.GetString("Stage"));
        AssertStep(countyStep, opened: (2, 10), days: 15, working: false, due: (2, 25), deadline: (2, 25), paid: (2, 24), taken: 10, onTime: true, overdue: false, overdueDays: 0, overdueWorkingDays: 0);
        Assert.Equal(0, countyStep.GetInt32("SupervisionNotices"));

        // Step 2: 5 working days from 24 February end on 3 March; paid on Monday 9 March after a 督办单. Taken: 25, 26,
        // 27 February, 2, 3, 4 and 9 March (7; the shipped calendar would count 5 and 6 March too: 9). Past the deadline
        // by 6 calendar days, 2 of them working days (4 and 9 March; the holiday and the weekend between are not).
        var finance = steps[$"{late.AllocationId}.finance"];
        Assert.Equal("镇财政所拨付至镇经管站", finance.GetString("Stage"));
        AssertStep(finance, opened: (2, 24), days: 5, working: true, due: (3, 3), deadline: (3, 11), paid: (3, 9), taken: 7, onTime: false, overdue: false, overdueDays: 6, overdueWorkingDays: 2);
        Assert.Equal(100_000d, finance.GetDouble("Amount"));
        Assert.Equal(1, finance.GetInt32("SupervisionNotices"));
        Assert.False(finance.GetBoolean("IsSummoned"));

        var villagePaid = steps[$"{late.AllocationId}.village-1"];
        Assert.Equal(Key(village.Code), villagePaid.GetString("VillageKey"));
        Assert.Equal("镇经管站拨付至项目村", villagePaid.GetString("Stage"));
        Assert.Equal(20_000d, villagePaid.GetDouble("PaidAmount"));
        AssertStep(villagePaid, opened: (3, 9), days: 5, working: true, due: (3, 16), deadline: (3, 16), paid: (3, 10), taken: 1, onTime: true, overdue: false, overdueDays: 0, overdueWorkingDays: 0);
        var villageOpen = steps[$"{late.AllocationId}.village-2"];
        AssertStep(villageOpen, opened: (3, 10), days: 5, working: true, due: (3, 17), deadline: (3, 17), paid: null, taken: null, onTime: null, overdue: false, overdueDays: 0, overdueWorkingDays: 0);

        // Unpaid, its deadline Saturday 7 March: overdue on the export day by 3 calendar days, 2 working days (9 and 10 March).
        var open = steps[$"{unpaid.AllocationId}.county"];
        Assert.Equal(Key(second.Code), open.GetString("TownshipKey"));
        AssertStep(open, opened: (2, 20), days: 15, working: false, due: (3, 7), deadline: (3, 7), paid: null, taken: null, onTime: null, overdue: true, overdueDays: 3, overdueWorkingDays: 2);

        // Funds Disbursed On Time % by township, as the measure counts it: the first township 2 of 3 paid, the second none paid.
        var first1 = steps.Values.Where(s => s.GetString("TownshipKey") == Key(first.Code)).ToList();
        Assert.Equal((2, 3), (first1.Count(s => s.GetBoolean("IsOnTime") == true), first1.Count(s => s.GetBoolean("IsPaid") == true)));
        Assert.DoesNotContain(steps.Values, s => s.GetString("TownshipKey") == Key(second.Code) && s.GetBoolean("IsPaid") == true);

        // FactProject: the latest quarter beside the line; the measure counts only the one strictly under it.
        var projectRows = (await bed.TableRowsAsync(ProjectFacts.Definition)).ToDictionary(r => r.RowKey);
        Assert.Equal(3, projectRows.Count);
        var below = projectRows[projects.Below];
        Assert.Equal($"{county}|2026", below.PartitionKey);
        Assert.Equal(Key(first.Code), below.GetString("TownshipKey"));
        Assert.Equal(Key(village.Code), below.GetString("VillageKey"));
        Assert.Equal("光伏扶贫电站", below.GetString("Name"));
        Assert.Equal(200_000d, below.GetDouble("Investment"));
        Assert.Equal(Midnight(2026, 3, 10), below.GetDateTimeOffset("ProposedDate"));
        Assert.Equal("项目运营", below.GetString("CurrentStep"));
        Assert.True(below.GetBoolean("IsInOperation"));
        Assert.Equal(2, below.GetInt32("Quarters"));
        Assert.Equal("2025Q4", below.GetString("LatestQuarter"));
        Assert.Equal(0.08d, below.GetDouble("LatestAnnualRate"));
        Assert.Equal(0.10d, below.GetDouble("YieldLine"));
        var atLine = projectRows[projects.AtLine];
        Assert.Equal(0.10d, atLine.GetDouble("LatestAnnualRate"));
        var proposed = projectRows[projects.Proposed];
        Assert.Equal(ProjectProcedure.Default.Steps[0].Name, proposed.GetString("CurrentStep"));
        Assert.False(proposed.GetBoolean("IsInOperation"));
        Assert.Equal(0, proposed.GetInt32("Quarters"));
        Assert.False(proposed.ContainsKey("LatestAnnualRate"));
        Assert.Equal([projects.Below], projectRows.Values.Where(r => r.ContainsKey("LatestAnnualRate") && r.GetDouble("LatestAnnualRate") < r.GetDouble("YieldLine")).Select(r => r.RowKey));

        // FactProjectQuarter: one row a quarter, in its year's partition, flagged as the ledger flagged it.
        var quarters = (await bed.TableRowsAsync(ProjectQuarterFacts.Definition)).ToDictionary(r => r.RowKey);
        Assert.Equal(3, quarters.Count);
        var q3 = quarters[$"{projects.Below}-2025Q3"];
        Assert.Equal($"{county}|2025", q3.PartitionKey);
        Assert.Equal(projects.Below, q3.GetString("ProjectKey"));
        Assert.Equal(Key(first.Code), q3.GetString("TownshipKey"));
        Assert.Equal(Key(village.Code), q3.GetString("VillageKey"));
        Assert.Equal("2025Q3", q3.GetString("Quarter"));
        Assert.Equal(Midnight(2025, 7, 1), q3.GetDateTimeOffset("QuarterDate"));
        Assert.Equal(6_000d, q3.GetDouble("Income"));
        Assert.Equal(3_000d, q3.GetDouble("Dividends"));
        Assert.Equal(0.12d, q3.GetDouble("AnnualRate"));
        Assert.Equal(0.10d, q3.GetDouble("YieldLine"));
        Assert.False(q3.GetBoolean("IsBelowLine"));
        Assert.False(q3.GetBoolean("IsLatest"));
        var q4 = quarters[$"{projects.Below}-2025Q4"];
        Assert.Equal(Midnight(2025, 10, 1), q4.GetDateTimeOffset("QuarterDate"));
        Assert.Equal(0.08d, q4.GetDouble("AnnualRate"));
        Assert.True(q4.GetBoolean("IsBelowLine"));
        Assert.True(q4.GetBoolean("IsLatest"));
        Assert.False(quarters[$"{projects.AtLine}-2025Q4"].GetBoolean("IsBelowLine"));

        // FactLoan: limits, notices and the status on the export day; the borrower is a pseudonym.
        var loans = (await bed.TableRowsAsync(LoanFacts.Definition)).ToDictionary(r => r.GetString("LoanNumber"));
        Assert.Equal(3, loans.Count);
        var keys = bed.Services.GetRequiredService<HouseholdPseudonyms>();
        var sentAt = ExportDay.ToUniversalTime();
        var soon = loans["DK2026001"];
        Assert.Equal($"{county}|2026", soon.PartitionKey);
        Assert.Equal(Key("DK2026001"), soon.GetString("LoanKey"));
        Assert.Equal(keys.Of(county, borrowers[0].Household.Number), soon.GetString("HouseholdKey"));
        Assert.Equal(Key(borrowers[0].TownshipCode), soon.GetString("TownshipKey"));
        Assert.Equal(Key(borrowers[0].VillageCode), soon.GetString("VillageKey"));
        Assert.Equal("禄丰县农村信用合作联社", soon.GetString("Bank"));
        Assert.Equal(30_000d, soon.GetDouble("Amount"));
        Assert.Equal(Midnight(2024, 4, 20), soon.GetDateTimeOffset("StartDate"));
        Assert.Equal(Midnight(2026, 4, 20), soon.GetDateTimeOffset("DueDate"));
        Assert.Equal(24, soon.GetInt32("TermMonths"));
        Assert.False(soon.GetBoolean("IsOverAmount"));
        Assert.False(soon.GetBoolean("IsOverTerm"));
        Assert.Equal(sentAt, soon.GetDateTimeOffset("PreparationNoticeSentAt"));
        Assert.False(soon.ContainsKey("WrittenNoticeSentAt"));
        Assert.Equal("即将到期", soon.GetString("Status"));
        Assert.True(soon.GetBoolean("IsDueSoon"));
        Assert.False(soon.GetBoolean("IsOverdue"));

        var over = loans["DK2026002"];
        Assert.Equal(60_000d, over.GetDouble("Amount"));
        Assert.Equal(42, over.GetInt32("TermMonths"));
        Assert.True(over.GetBoolean("IsOverAmount"));
        Assert.True(over.GetBoolean("IsOverTerm"));
        Assert.False(over.ContainsKey("PreparationNoticeSentAt"));
        Assert.Equal("未到期", over.GetString("Status"));
        Assert.False(over.GetBoolean("IsDueSoon"));

        // Written in lower case by the bank: the key is the ledger's upper-cased number, the number as written.
        var overdue = loans["dk2026003"];
        Assert.Equal(Key("DK2026003"), overdue.GetString("LoanKey"));
        Assert.Equal(36, overdue.GetInt32("TermMonths"));
        Assert.False(overdue.GetBoolean("IsOverAmount"));
        Assert.False(overdue.GetBoolean("IsOverTerm"));
        Assert.Equal(sentAt, overdue.GetDateTimeOffset("PreparationNoticeSentAt"));
        Assert.Equal(sentAt, overdue.GetDateTimeOffset("WrittenNoticeSentAt"));
        Assert.Equal("已逾期", overdue.GetString("Status"));
        Assert.True(overdue.GetBoolean("IsOverdue"));
        Assert.False(overdue.GetBoolean("IsDueSoon"));

        // No name, 户编号, payer, cadre or 身份证号 in any of the new facts.
        var personal = borrowers.SelectMany(h => new[] { h.Household.Number, h.Household.Head.Name, h.Household.Head.IdNumber.Reveal(), h.Household.Head.IdNumber.Mask(), h.Household.ResponsibleCadre })
            .Append(Payer).Append(Borrower).Where(p => p.Length > 0).ToList();
        var tables = new[] { FundAllocationFacts.Definition, DisbursementStepFacts.Definition, ProjectFacts.Definition, ProjectQuarterFacts.Definition, LoanFacts.Definition };
        foreach (var table in tables)
        {
            foreach (var row in await bed.TableRowsAsync(table))
            {
                foreach (var value in row.Select(p => p.Value).OfType<string>())
                {
                    Assert.DoesNotContain(personal, p => value.Contains(p, StringComparison.Ordinal));
                }
            }

            // Analysts read the snapshots too: each one, UTF-8 with its BOM, reads back equal to the table.
            var (csvRows, _) = await CsvSnapshotReadBackTests.ReadBackAsync(bed, table, new DateOnly(2026, 3, 10));
            Assert.True(csvRows > 0, $"{table.Name}: an empty snapshot");
        }
    }

    private const string Payer = "刘会计";
    private const string Borrower = "借款人甲";

    private static DateTimeOffset Midnight(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset? Day((int Month, int Day)? day) => day is { } d ? Midnight(2026, d.Month, d.Day) : null;

    private static void AssertStep(TableEntity row, (int, int) opened, int days, bool working, (int, int) due, (int, int) deadline, (int, int)? paid, int? taken,
        bool? onTime, bool overdue, int overdueDays, int overdueWorkingDays)
    {
        var step = row.GetString("StepKey");
        Assert.True(Day(opened) == row.GetDateTimeOffset("OpenedDate"), $"{step}: OpenedDate {row.GetDateTimeOffset("OpenedDate")}");
        Assert.Equal(days, row.GetInt32("DeadlineDays"));
        Assert.Equal(working, row.GetBoolean("IsWorkingDayDeadline"));
        Assert.True(Day(due) == row.GetDateTimeOffset("DueDate"), $"{step}: DueDate {row.GetDateTimeOffset("DueDate")}");
        Assert.True(Day(deadline) == row.GetDateTimeOffset("Deadline"), $"{step}: Deadline {row.GetDateTimeOffset("Deadline")}");
        Assert.Equal(paid is not null, row.GetBoolean("IsPaid"));
        Assert.True(Day(paid) == row.GetDateTimeOffset("PaidDate"), $"{step}: PaidDate {row.GetDateTimeOffset("PaidDate")}");
        Assert.True(taken == row.GetInt32("WorkingDaysTaken"), $"{step}: WorkingDaysTaken {row.GetInt32("WorkingDaysTaken")}, expected {taken}");
        Assert.True(onTime == row.GetBoolean("IsOnTime"), $"{step}: IsOnTime {row.GetBoolean("IsOnTime")}");
        Assert.True(overdue == row.GetBoolean("IsOverdue"), $"{step}: IsOverdue");
        Assert.True(overdueDays == row.GetInt32("OverdueDays"), $"{step}: OverdueDays {row.GetInt32("OverdueDays")}, expected {overdueDays}");
        Assert.True(overdueWorkingDays == row.GetInt32("OverdueWorkingDays"), $"{step}: OverdueWorkingDays {row.GetInt32("OverdueWorkingDays")}, expected {overdueWorkingDays}");
    }

    /// <summary>
    /// Two allocations as the disbursement workflow leaves them in the fund store, deadlines from the app's own
    /// <see cref="FundDeadlines"/> (so from the injected calendar): the first paid to the finance office on time, on to
    /// the 经管站 late after a 督办单, one village paid and one village's request open; the second not paid at all.
    /// </summary>
    private static async Task<(FundAllocation Late, FundAllocation Unpaid)> WriteAllocationsAsync(AnalyticsTestBed bed, Township first, Township second, Village village)
    {
        var funds = bed.Services.GetRequiredService<FundStore>();
        var deadlines = bed.Services.GetRequiredService<FundDeadlines>();
        var token = CancellationToken.None;
        FundAllocation Allocation(Township township, string number, decimal amount, DateOnly on) =>
            new(FundAllocationId.Of(bed.CountyCode, township.Code, number), bed.CountyCode, township.Code, township.Name, "中央财政专项扶贫资金", amount, number, on);
        DisbursementStep Step(FundAllocation allocation, string step, DisbursementStage stage, decimal amount, DateOnly from) =>
            new(allocation.AllocationId, step, stage, amount, from, deadlines.DueOn(stage, from),
                stage == DisbursementStage.VillagePayment ? village.Code : null, stage == DisbursementStage.VillagePayment ? village.Name : null);

        var late = Allocation(first, "县财字〔2026〕8号", 100_000m, new DateOnly(2026, 2, 10));
        Assert.True(await funds.TryAddAsync(late, token));
        await funds.AddStepAsync(Step(late, DisbursementStep.CountyStep, DisbursementStage.CountyToFinanceOffice, 100_000m, late.AllocatedOn), token);
        await funds.UpdateStepAsync(late.AllocationId, DisbursementStep.CountyStep, 1, s => s.Pay(100_000m, new DateOnly(2026, 2, 24), Payer, null), token);
        await funds.AddStepAsync(Step(late, DisbursementStep.FinanceStep, DisbursementStage.FinanceToEconomicOffice, 100_000m, new DateOnly(2026, 2, 24)), token);
        await funds.UpdateStepAsync(late.AllocationId, DisbursementStep.FinanceStep, 1, s => s.Supervise(new DateOnly(2026, 3, 4), new DateOnly(2026, 3, 11)), token);
        await funds.UpdateStepAsync(late.AllocationId, DisbursementStep.FinanceStep, 2, s => s.Pay(100_000m, new DateOnly(2026, 3, 9), Payer, null), token);
        await funds.AddStepAsync(Step(late, DisbursementStep.VillageStep(1), DisbursementStage.VillagePayment, 20_000m, new DateOnly(2026, 3, 9)), token);
        await funds.UpdateStepAsync(late.AllocationId, DisbursementStep.VillageStep(1), 1, s => s.Pay(20_000m, new DateOnly(2026, 3, 10), Payer, null), token);
        await funds.AddStepAsync(Step(late, DisbursementStep.VillageStep(2), DisbursementStage.VillagePayment, 30_000m, new DateOnly(2026, 3, 10)), token);

        var unpaid = Allocation(second, "县财字〔2026〕9号", 50_000m, new DateOnly(2026, 2, 20));
        Assert.True(await funds.TryAddAsync(unpaid, token));
        await funds.AddStepAsync(Step(unpaid, DisbursementStep.CountyStep, DisbursementStage.CountyToFinanceOffice, 50_000m, unpaid.AllocatedOn), token);
        return (late, unpaid);
    }

    private sealed record ProjectIds(string Below, string AtLine, string Proposed);

    /// <summary>Three projects through the county's project ledger: two taken to operation with their quarters, one only proposed.</summary>
    private static async Task<ProjectIds> WriteProjectsAsync(AnalyticsTestBed bed, Township township, Village village)
    {
        var ledger = bed.Services.GetRequiredService<ProjectLedger>();
        async Task<string> ProposeAsync(string name)
        {
            var outcome = await ledger.ProposeAsync(bed.CountyCode, new ProjectForm(township.Name, village.Name, name, 200_000m), "测试", CancellationToken.None);
            Assert.Empty(outcome.Problems);
            return outcome.Record!.Project.ProjectId;
        }

        async Task<string> OperatingAsync(string name, params (string Quarter, decimal Income, decimal Dividends)[] quarters)
        {
            var id = await ProposeAsync(name);
            foreach (var step in ledger.Procedure.Steps.SkipLast(1))
            {
                var outcome = step.Kind switch
                {
                    ProjectStepKind.Review or ProjectStepKind.Approval => ProjectOutcome.Approved,
                    ProjectStepKind.Notice => ProjectOutcome.NoticePassed,
                    _ => ProjectOutcome.Done,
                };
                Assert.Empty((await ledger.DecideAsync(id, step.Code, outcome, null, "测试", CancellationToken.None)).Problems);
            }

            foreach (var (quarter, income, dividends) in quarters)
            {
                Assert.Empty((await ledger.RecordQuarterAsync(id, quarter, income, dividends, "测试", "County", CancellationToken.None)).Problems);
            }

            return id;
        }

        // 200,000 yuan: a quarter's 6,000 is 12% a year, 4,000 is 8% (under 002's 10%), 5,000 exactly 10% (meets it).
        var below = await OperatingAsync("光伏扶贫电站", ("2025Q3", 6_000m, 3_000m), ("2025Q4", 4_000m, 2_000m));
        var atLine = await OperatingAsync("食用菌大棚", ("2025Q4", 5_000m, 2_500m));
        return new ProjectIds(below, atLine, await ProposeAsync("村级光伏二期"));
    }

    /// <summary>
    /// The bank's ledger through the importer, as the console uploads it; each loan's maturity workflow sends the
    /// notices whose day is past at once, so the test waits for them: the 60-day one for the loan due in 41 days, both
    /// for the overdue one.
    /// </summary>
    private static async Task ImportLoansAsync(AnalyticsTestBed bed, County places, List<RegisteredHousehold> borrowers)
    {
        const string bank = "禄丰县农村信用合作联社";
        string Row(string number, RegisteredHousehold household, string amount, string start, string due) =>
            $"{number},{household.Household.Number},{Borrower},{amount},{start},{due},{bank}";
        var csv = string.Join("\r\n", string.Join(",", LoanColumns.All),
            Row("DK2026001", borrowers[0], "30000", "2024-04-20", "2026-04-20"),
            Row("DK2026002", borrowers[1], "60000", "2023-01-15", "2026-07-15"),
            Row("dk2026003", borrowers[2], "50000", "2023-03-01", "2026-03-01")) + "\r\n";
        var report = await bed.Services.GetRequiredService<LoanImporter>().ImportAsync(places, "贷款台账.csv", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)],
            "县扶贫办 王干事", CancellationToken.None);
        Assert.Equal(3, report.Imported);
        Assert.Empty(report.Errors);

        var loans = bed.Services.GetRequiredService<LoanStore>();
        await AnalyticsTestBed.WaitAsync(async () => (await loans.GetAsync(places.Code, "DK2026001", CancellationToken.None))!.Notices.Count == 1
                                                     && (await loans.GetAsync(places.Code, "DK2026003", CancellationToken.None))!.Notices.Count == 2,
            "the notices already due to go");
    }
}
