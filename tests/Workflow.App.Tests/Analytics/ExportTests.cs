using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Domain.Calendar;
using Workflow.Domain.Register;
using Workflow.App.Analytics;
using Workflow.App.Analytics.Sources;
using Workflow.App.Exits;
using Workflow.App.Register;
using Xunit;

namespace Workflow.App.Tests.Analytics;

/// <summary>The export against the operational data it comes from: counts and sums, incremental rewrites, a killed run, the household key.</summary>
public sealed class ExportTests
{
    private static readonly DateOnly Today = ShanghaiTime.DateOf(AnalyticsTestBed.Start);

    [Fact]
    public async Task Exported_tables_and_csv_agree_with_the_register_and_the_cases_in_counts_and_sums()
    {
        await using var bed = await AnalyticsTestBed.StartAsync();
        await bed.RunActivityAsync();

        var report = await bed.ExportAsync();

        Assert.False(report.Busy);
        var households = await bed.TableRowsAsync(HouseholdDimension.Definition);
        Assert.Equal(bed.Households.Count, households.Count);
        Assert.Equal(bed.Households.Sum(h => h.Household.Size), households.Sum(r => r.GetInt32("Size")!.Value));
        Assert.Equal((double)bed.Households.Sum(h => h.Household.Income.PerCapitaNetIncome), households.Sum(r => r.GetDouble("PerCapitaNetIncome")!.Value), 6);
        Assert.Equal(bed.Households.Count(h => h.Household.Status == PovertyStatus.NotExited), households.Count(r => r.GetString("Status") == "NotExited"));

        var cases = await bed.Services.GetRequiredService<ExitCaseStore>().ListAsync(new ExitCaseQuery(bed.CountyCode), bed.Clock.GetUtcNow(), CancellationToken.None);
        var caseRows = await bed.TableRowsAsync(ExitCaseFacts.Definition);
        Assert.Equal(5, cases.Count);
        Assert.Equal(cases.Count, caseRows.Count);
        Assert.Equal(cases.Count(c => c.Status == ExitCaseStatus.Approved), caseRows.Count(r => r.GetBoolean("IsApproved") == true));

        // Every step opened, notice started and deregistration in the timelines is one step fact.
        var opened = 0;
        foreach (var exitCase in cases)
        {
            opened += (await bed.Services.GetRequiredService<ExitCaseStore>().ReadTimelineAsync(exitCase.CaseId, CancellationToken.None))
                .Count(t => t.Kind is TimelineKinds.StepOpened or TimelineKinds.NoticeStarted or TimelineKinds.Deregistered);
        }

        var steps = await bed.TableRowsAsync(ExitStepFacts.Definition);
        Assert.Equal(opened, steps.Count);
        Assert.Equal(opened, caseRows.Sum(r => r.GetInt32("Steps")!.Value));
        Assert.Equal(3, steps.Count(r => r.GetBoolean("IsEscalated") == true));
        Assert.Single(steps, r => r.GetString("Decision") == "reject" && r.GetString("Step") == "township-review");

        // The scripted steps take one calendar day each from Monday 2 March 2026: one working day, except over the weekend.
        var approved = cases.Single(c => c.Status == ExitCaseStatus.Approved);
        var approvedSteps = steps.Where(r => r.GetString("CaseKey")!.EndsWith("-1", StringComparison.Ordinal)
                                            && caseRows.Single(c => c.GetString("Status") == "Approved").GetString("CaseKey") == r.GetString("CaseKey")).ToList();
        Assert.Equal(7, approvedSteps.Count);
        var expected = approvedSteps.Where(r => r.GetString("Decision") != "done").Sum(r =>
            WorkingCalendar.China.WorkingDaysBetween(DateOnly.FromDateTime(r.GetDateTimeOffset("EnteredDate")!.Value.UtcDateTime), DateOnly.FromDateTime(r.GetDateTimeOffset("DecidedDate")!.Value.UtcDateTime)));
        Assert.Equal(expected, approvedSteps.Sum(r => r.GetInt32("WorkingDays") ?? 0));
        Assert.Equal(approved.StartedAt, caseRows.Single(r => r.GetString("Status") == "Approved").GetDateTimeOffset("StartedAt"));

        // The village incidence rows add up to the register's people.
        var indicators = await bed.TableRowsAsync(IndicatorResultFacts.Definition);
        var villages = indicators.Where(r => r.GetString("Level") == "village").ToList();
        Assert.Equal(bed.Households.Sum(h => h.Household.Size), villages.Sum(r => r.GetInt32("Denominator")!.Value));
        Assert.Equal(bed.Households.Where(h => h.Household.Status == PovertyStatus.NotExited).Sum(h => h.Household.Size), villages.Sum(r => r.GetInt32("Numerator")!.Value));
        Assert.Equal(bed.Households.Count, indicators.Count(r => r.GetString("Level") == "household" && r.GetString("Source") == "register"));
        Assert.Equal(cases.Count * 7, indicators.Count(r => r.GetString("Source") == "exit-case"));

        // 禄丰 is western: its rule set's incidence line is 3%, and every incidence row carries it for the model's measures (issue 20, 4.3).
        Assert.Equal("532331", bed.CountyCode);
        Assert.All(indicators.Where(r => r.GetString("IndicatorCode") == IndicatorResultFacts.Incidence), r => Assert.Equal(3d, r.GetDouble("Threshold")));

        // Each CSV holds the same rows as its table, with the schema's header, UTF-8 with BOM.
        foreach (var table in AnalyticsSchema.Tables)
        {
            var rows = await bed.TableRowsAsync(table);
            var csv = await bed.CsvAsync(table, Today);
            Assert.True(csv.AsSpan().StartsWith(Encoding.UTF8.Preamble), $"{table.Name}.csv has no BOM.");
            var lines = CsvLines(csv);
            Assert.Equal(string.Join(',', table.Columns.Select(c => c.Name)), lines[0]);
            Assert.Equal(rows.Count, lines.Count - 1);
            Assert.Equal(rows.Select(r => Text(table, r, table.Key)).Order(StringComparer.Ordinal),
                lines.Skip(1).Select(l => l.Split(',')[0]).Order(StringComparer.Ordinal));
        }

        var incomeColumn = HouseholdDimension.Definition.IndexOf("PerCapitaNetIncome");
        var csvIncome = CsvLines(await bed.CsvAsync(HouseholdDimension.Definition, Today)).Skip(1)
            .Sum(l => decimal.Parse(l.Split(',')[incomeColumn], CultureInfo.InvariantCulture));
        Assert.Equal(bed.Households.Sum(h => h.Household.Income.PerCapitaNetIncome), csvIncome);
        Assert.Contains(CsvLines(await bed.CsvAsync(DateDimension.Definition, Today)), l => l.StartsWith("2026-02-17,2026,1,2,17,2,2026-02,false,true,春节,false,false", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_second_export_rewrites_nothing_and_a_change_rewrites_only_its_partition()
    {
        await using var bed = await AnalyticsTestBed.StartAsync();
        await bed.RunActivityAsync();
        var first = await bed.ExportAsync();
        Assert.True(first.RowsWritten > 0);
        var stamps = (await bed.TableRowsAsync(HouseholdDimension.Definition)).ToDictionary(r => r.RowKey, r => r.ETag);

        var second = await bed.ExportAsync();

        Assert.Equal(0, second.RowsWritten);
        Assert.All(second.Tables, t => Assert.Equal((0, 0, false), (t.PartitionsWritten, t.RowsDeleted, t.CsvWritten)));
        Assert.Equal(stamps, (await bed.TableRowsAsync(HouseholdDimension.Definition)).ToDictionary(r => r.RowKey, r => r.ETag));

        // One household exits: its township's partition changes, nothing else of the register's tables.
        var exiting = bed.NotExited[^1];
        await bed.Services.GetRequiredService<RegisterStore>().RecordExitAsync(bed.CountyCode, exiting.Household.Number,
            new ExitRecord(ExitCaseId.For(bed.CountyCode, exiting.Household.Number, 1), new DateOnly(2020, 11, 30), null)
            {
                StandardYear = exiting.Household.Income.Year, VerifiedPerCapitaNetIncome = 6543.21m,
            }, CancellationToken.None);

        var third = await bed.ExportAsync();

        var household = third.Tables.Single(t => t.Table == HouseholdDimension.Definition.Name);
        Assert.Equal((1, 1, 0), (household.PartitionsWritten, household.RowsWritten, household.RowsDeleted));
        Assert.True(household.CsvWritten);
        var indicators = third.Tables.Single(t => t.Table == IndicatorResultFacts.Definition.Name);
        Assert.Equal(1, indicators.PartitionsWritten);
        Assert.Equal(3, indicators.RowsWritten); // the household's income (now the verified figure), the village's and the township's incidence
        var scores = third.Tables.Single(t => t.Table == TownshipScoreFacts.Definition.Name);
        Assert.Equal(1, scores.PartitionsWritten); // the county's scores of the year: the township's incidence and exit target changed
        var changes = third.Tables.Single(t => t.Table == MonthlyChangeFacts.Definition.Name);
        Assert.Equal((1, 1), (changes.PartitionsWritten, changes.RowsWritten)); // the 脱贫 of November 2020 in the month-end changes
        Assert.Equal("脱贫", Assert.Single(await bed.TableRowsAsync(MonthlyChangeFacts.Definition)).GetString("Kind"));
        Assert.All(third.Tables.Where(t => t.Table != household.Table && t.Table != indicators.Table && t.Table != scores.Table && t.Table != changes.Table),
            t => Assert.Equal(0, t.RowsWritten));
        var changed = (await bed.TableRowsAsync(HouseholdDimension.Definition)).Where(r => r.ETag != stamps[r.RowKey]).ToList();
        Assert.Equal("ExitedWithPolicy", Assert.Single(changed).GetString("Status"));
        Assert.Equal(6543.21, changed[0].GetDouble("PerCapitaNetIncome") ?? double.NaN, 2);

        // After the unchanged shortcut (no CSV formatted), the change reaches the snapshot too, and the partitions before
        // the changed one (the snapshot is rebuilt from the source) are all there, once.
        var lines = CsvLines(await bed.CsvAsync(HouseholdDimension.Definition, Today)).Skip(1).ToList();
        var rows = await bed.TableRowsAsync(HouseholdDimension.Definition);
        Assert.Equal(rows.Select(r => r.RowKey).Order(StringComparer.Ordinal), lines.Select(l => l.Split(',')[0]).Order(StringComparer.Ordinal));
        var exitedKey = Assert.Single(changed).RowKey;
        Assert.Contains(",ExitedWithPolicy,", Assert.Single(lines, l => l.StartsWith(exitedKey + ",", StringComparison.Ordinal)), StringComparison.Ordinal);
        var partitions = rows.Select(r => r.PartitionKey).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(partitions.IndexOf(changed[0].PartitionKey) > 0, "the changed partition is not the first: the rebuild had partitions before it to write");

        // And the shortcut again, on what the change left.
        var fourth = await bed.ExportAsync();
        Assert.All(fourth.Tables, t => Assert.Equal((0, 0, false), (t.RowsWritten, t.RowsDeleted, t.CsvWritten)));
    }

    [Fact]
    public async Task The_next_days_unchanged_snapshot_is_a_copy_of_the_last_and_a_deleted_snapshot_is_rewritten()
    {
        await using var bed = await AnalyticsTestBed.StartAsync();
        await bed.RunActivityAsync();
        await bed.ExportAsync();
        var yesterday = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var table in AnalyticsSchema.Tables)
        {
            yesterday[table.Name] = await bed.CsvAsync(table, Today);
        }

        bed.Clock.Advance(TimeSpan.FromDays(1));
        var next = await bed.ExportAsync();

        // Every table has a snapshot for the new day; a table with no changed partition has yesterday's bytes.
        var unchanged = next.Tables.Where(t => t.PartitionsWritten == 0 && t.RowsDeleted == 0).Select(t => t.Table).ToList();
        Assert.Contains(DateDimension.Definition.Name, unchanged);
        Assert.Contains(HouseholdDimension.Definition.Name, unchanged);
        Assert.All(next.Tables, t => Assert.True(t.CsvWritten, t.Table));
        foreach (var table in AnalyticsSchema.Tables)
        {
            var today = await bed.CsvAsync(table, Today.AddDays(1));
            if (unchanged.Contains(table.Name))
            {
                Assert.Equal(yesterday[table.Name], today);
            }
        }

        // A snapshot that went missing is not taken as written: the next export writes it again.
        await bed.Exporter.Container.DeleteBlobAsync(CsvSnapshot.BlobName(Today.AddDays(1), HouseholdDimension.Definition));
        var again = await bed.ExportAsync();
        Assert.True(again.Tables.Single(t => t.Table == HouseholdDimension.Definition.Name).CsvWritten);
        Assert.Equal(yesterday[HouseholdDimension.Definition.Name], await bed.CsvAsync(HouseholdDimension.Definition, Today.AddDays(1)));
    }

    [Fact]
    public async Task An_export_killed_midway_is_resumed_without_duplicate_or_missing_rows()
    {
        await using var bed = await AnalyticsTestBed.StartAsync();
        await bed.RunActivityAsync();

        // The process "dies" after its 12th table transaction: the fault comes from inside the write loop.
        var killed = await Assert.ThrowsAsync<IOException>(() => bed.ExportAsync(afterBatch: (_, transactions) =>
            transactions == 12 ? throw new IOException("killed") : ValueTask.CompletedTask));
        Assert.Equal("killed", killed.Message);
        var dates = await bed.TableRowsAsync(DateDimension.Definition);
        Assert.InRange(dates.Count, 1, 5 * 366 - 1);
        Assert.False(await bed.Exporter.Container.GetBlobClient(CsvSnapshot.BlobName(Today, DateDimension.Definition)).ExistsAsync(), "A half-written snapshot was committed.");

        var resumed = await bed.ExportAsync();

        var dateTable = resumed.Tables.Single(t => t.Table == DateDimension.Definition.Name);
        Assert.True(dateTable.PartitionsUnchanged > 0, "The resumed export rewrote the partitions finished before the crash.");
        Assert.True(dateTable.RowsWritten < dateTable.Rows, "The resumed export rewrote rows written before the crash.");
        foreach (var table in AnalyticsSchema.Tables)
        {
            var produced = resumed.Tables.Single(t => t.Table == table.Name).Rows;
            var rows = await bed.TableRowsAsync(table);
            Assert.Equal(produced, rows.Count);
            Assert.Equal(rows.Count, rows.Select(r => Text(table, r, table.Key)).Distinct().Count());
            Assert.Equal(rows.Count, CsvLines(await bed.CsvAsync(table, Today)).Count - 1);
        }

        // What a clean full rebuild writes is what the resumed one left.
        var before = await SnapshotAsync(bed);
        await bed.ExportAsync(full: true);
        Assert.Equal(before, await SnapshotAsync(bed));
    }

    [Fact]
    public async Task The_household_key_is_stable_across_exports_and_carries_no_name_number_or_id()
    {
        await using var bed = await AnalyticsTestBed.StartAsync();
        await bed.RunActivityAsync();
        await bed.ExportAsync();
        var first = (await bed.TableRowsAsync(HouseholdDimension.Definition)).Select(r => r.GetString("HouseholdKey")).Order().ToList();

        await bed.ExportAsync(full: true);
        var second = (await bed.TableRowsAsync(HouseholdDimension.Definition)).Select(r => r.GetString("HouseholdKey")).Order().ToList();

        Assert.Equal(first, second);
        Assert.Equal(bed.Households.Count, first.Distinct().Count());
        var everything = new StringBuilder();
        foreach (var table in AnalyticsSchema.Tables)
        {
            everything.Append(Encoding.UTF8.GetString(await bed.CsvAsync(table, Today)));
            foreach (var row in await bed.TableRowsAsync(table))
            {
                everything.AppendJoin('\n', row.Select(p => p.Value.ToString()));
            }
        }

        var text = everything.ToString();
        foreach (var household in bed.Households)
        {
            Assert.DoesNotContain($"{bed.CountyCode}-{household.Household.Number}", text, StringComparison.Ordinal);
            foreach (var member in household.Household.Members)
            {
                Assert.DoesNotContain(member.IdNumber.Reveal(), text, StringComparison.Ordinal);
                Assert.DoesNotContain(member.IdNumber.Mask(), text, StringComparison.Ordinal);
                Assert.DoesNotContain(member.Name, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task The_daily_timer_exports_once_a_day_after_its_time_and_the_county_endpoint_on_demand()
    {
        await using var bed = await AnalyticsTestBed.StartAsync();
        var daily = bed.Services.GetRequiredService<DailyExport>();
        var state = bed.Services.GetRequiredService<ExportState>();

        await daily.RunAsync(CancellationToken.None);
        Assert.Null(await state.LastCompletedAsync(ExportRequest.Daily, CancellationToken.None));

        bed.Clock.Advance(TimeSpan.FromHours(1.5));
        await daily.RunAsync(CancellationToken.None);
        Assert.Equal(Today, await state.LastCompletedAsync(ExportRequest.Daily, CancellationToken.None));
        var dates = (await bed.TableRowsAsync(DateDimension.Definition)).Count;
        Assert.Equal(WorkingCalendar.China.Years.Sum(y => DateTime.IsLeapYear(y) ? 366 : 365), dates);

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await bed.Anonymous.PostAsync("/api/analytics/exports?full=true", null)).StatusCode);
        var response = await bed.County.PostAsync("/api/analytics/exports?full=true", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.Contains("\"full\":true", body, StringComparison.Ordinal);
        Assert.Contains($"\"rowsWritten\":{dates}", body, StringComparison.Ordinal);
    }

    private static async Task<Dictionary<string, string>> SnapshotAsync(AnalyticsTestBed bed)
    {
        var snapshot = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in AnalyticsSchema.Tables)
        {
            foreach (var row in await bed.TableRowsAsync(table))
            {
                snapshot[$"{table.Name}/{row.PartitionKey}/{row.RowKey}"] = row.GetString(ExportTable.RowHashProperty)!;
            }
        }

        return snapshot;
    }

    private static string Text(ExportTable table, Azure.Data.Tables.TableEntity row, ExportColumn column) =>
        ExportValues.Text(column.Type, ExportValues.FromTable(column.Type, row[column.Name])!);

    private static List<string> CsvLines(byte[] csv) =>
        Encoding.UTF8.GetString(csv.AsSpan(Encoding.UTF8.Preamble.Length)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();
}
