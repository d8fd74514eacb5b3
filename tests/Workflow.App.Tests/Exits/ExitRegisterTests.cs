using System.Text;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Domain.Calendar;
using Workflow.Domain.Register;
using Workflow.Domain.Standards;
using Workflow.App.Exits;
using Workflow.App.Register;
using Xunit;

namespace Workflow.App.Tests.Exits;

/// <summary>
/// 销号 as the register shows it afterwards: the register must agree with the case that deregistered the household —
/// the year of the standard it applied, the values the household visit verified — and keep the registered income
/// labelled for what it is.
/// </summary>
public sealed class ExitRegisterTests
{
    [Fact]
    public async Task After_an_approved_exit_the_register_has_the_cases_standard_year_and_verified_values_beside_the_registered_income()
    {
        await using var bed = await ExitTestBed.StartAsync();
        // The household the register lists poorest: its registered income is the furthest from what the visit verified.
        var index = bed.Households.Select((h, i) => (h.Household.Income.PerCapitaNetIncome, i)).Min().i;
        var registered = bed.Households[index];
        var c = await bed.StartCaseAsync(index, HouseholdConditions.AllSecured(9000m));
        Assert.Equal(2020, c.Year);
        Assert.NotEqual(9000m, registered.Household.Income.PerCapitaNetIncome);

        var done = await bed.ApproveThroughAsync(c);
        var deregisteredOn = ShanghaiTime.DateOf(bed.Clock.GetUtcNow());
        var household = await bed.Services.GetRequiredService<RegisterStore>().FindHouseholdAsync(bed.CountyCode, c.HouseholdNumber, CancellationToken.None);
        var export = await bed.County.GetByteArrayAsync($"/register/{bed.CountyCode}/export.csv");

        // The register row: 脱贫年度 is the standard's year (the case judged by the 2020 line), not the year of the click (2026).
        Assert.Equal(PovertyStatus.ExitedWithPolicy, household!.Household.Status);
        Assert.Equal(2020, household.Household.ExitYear);
        Assert.Equal(registered.Household.Income, household.Household.Income);
        var line = Assert.Single(done.Timeline, t => t.Kind == TimelineKinds.Deregistered).Text;
        Assert.Contains("脱贫年度 2020", line, StringComparison.Ordinal);
        Assert.Contains("核查人均纯收入 9000 元", line, StringComparison.Ordinal);

        // The export every member row of the household: the registered income under its own column, the verified one
        // beside it, with the indicators, the case and the date of 销号.
        var rows = Parse(export);
        var header = rows[0].ToList();
        int Column(string name)
        {
            Assert.Contains(name, header);
            return header.IndexOf(name);
        }

        var members = rows.Skip(1).Where(r => r[Column(RegisterColumns.HouseholdNumber)] == c.HouseholdNumber).ToList();
        Assert.Equal(registered.Household.Size, members.Count);
        Assert.All(members, row =>
        {
            Assert.Equal("已脱贫享受政策", row[Column(RegisterColumns.PovertyStatus)]);
            Assert.Equal("2020", row[Column(RegisterColumns.ExitYear)]);
            Assert.Equal(registered.Household.Income.PerCapitaNetIncome, decimal.Parse(row[Column(RegisterColumns.PerCapitaNetIncome)], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("9000", row[Column("退出核查人均纯收入")]);
            Assert.Contains("年人均纯收入稳定超过当年扶贫标准 9000（标准 > 4000 元，达标）", row[Column("退出核查指标")], StringComparison.Ordinal);
            Assert.Contains("住房安全有保障 是", row[Column("退出核查指标")], StringComparison.Ordinal);
            Assert.Equal(c.CaseId, row[Column("退出案件")]);
            Assert.Equal(deregisteredOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), row[Column("销号日期")]);
        });

        // A household that has not exited has the exit columns empty.
        Assert.All(rows.Skip(1).Where(r => r[Column(RegisterColumns.HouseholdNumber)] != c.HouseholdNumber && r[Column(RegisterColumns.PovertyStatus)] == "未脱贫"),
            row => Assert.Equal(string.Empty, row[Column("退出核查人均纯收入")]));
    }

    private static List<string[]> Parse(byte[] csv)
    {
        using var reader = CsvReader.FromText(Encoding.UTF8.GetString(csv[3..]), CsvReaderOptions.Default with { HasHeader = false });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        }

        return rows;
    }
}
