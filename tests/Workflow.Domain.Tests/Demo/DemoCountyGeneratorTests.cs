using System.Globalization;
using System.Text;
using Workflow.Domain.Demo;
using Workflow.Domain.Register;

namespace Workflow.Domain.Tests.Demo;

public class DemoCountyGeneratorTests
{
    private static readonly DemoCountySpec Small = DemoCountySpec.Lufeng2020 with
    {
        Townships = ["碧城镇", "金山镇"],
        PoorVillages = 5,
        Households = 60,
        People = 210,
        HouseholdsDueToExit = 6,
        PeopleDueToExit = 15,
        EdgeHouseholds = 5,
        MonitoredHouseholds = 3,
    };

    [Fact]
    public void TheFullCountyMatchesLufengsFiguresExactly()
    {
        var county = DemoCountyGenerator.Generate(DemoCountySpec.Lufeng2020, seed: 2020);
        var households = county.Households.ToList();

        Assert.Equal(("532331", "禄丰县"), (county.Code, county.Name));
        Assert.Equal(14, county.Townships.Count);
        Assert.Equal(104, county.Villages.Count(v => v.IsPoorVillage));
        Assert.Equal(104, county.Villages.Count());
        // 004: 154 households / 404 people still to exit, 7,095 / 26,095 exited and consolidated (issue 20, 4.2).
        Assert.Equal(7249, households.Count);
        Assert.Equal(26499, households.Sum(h => h.Size));
        var due = households.Where(h => h.Status == PovertyStatus.NotExited).ToList();
        Assert.Equal(154, due.Count);
        Assert.Equal(404, due.Sum(h => h.Size));
        var exited = households.Where(h => h.Status is PovertyStatus.ExitedWithPolicy or PovertyStatus.ExitedNoPolicy).ToList();
        Assert.Equal(7095, exited.Count);
        Assert.Equal(26095, exited.Sum(h => h.Size));
        Assert.Equal((7095, 26095), (DemoCountySpec.Lufeng2020.ExitedHouseholds, DemoCountySpec.Lufeng2020.ExitedPeople));
        Assert.Equal(521, households.Count(h => h.Monitoring == MonitoringCategory.Edge));
        Assert.Equal(283, households.Count(h => h.Monitoring == MonitoringCategory.Monitored));
    }

    [Fact]
    public void EveryResidentHasAValidUniqueFictitiousIdNumber()
    {
        var members = DemoCountyGenerator.Generate(DemoCountySpec.Lufeng2020, seed: 7).Households.SelectMany(h => h.Members).ToList();

        Assert.Equal(26499, members.Count);
        Assert.Equal(members.Count, members.Select(m => m.IdNumber).Distinct().Count());
        Assert.All(members, m =>
        {
            Assert.True(ResidentIdNumber.TryParse(m.IdNumber.Reveal(), out _));
            Assert.Equal("532331", m.IdNumber.RegionCode);
            Assert.InRange(m.BirthDate, new DateOnly(1900, 1, 1), new DateOnly(2020, 12, 31));
        });
    }

    [Fact]
    public void HouseholdsArePlausible()
    {
        var county = DemoCountyGenerator.Generate(DemoCountySpec.Lufeng2020, seed: 11);
        var households = county.Households.ToList();

        Assert.All(households, h =>
        {
            Assert.InRange(h.Size, 1, DemoCountySpec.MaxHouseholdSize);
            Assert.Equal(Relationship.Head, h.Head.Relationship);
            Assert.InRange(h.Head.Name.Length, 2, 3);
            Assert.Equal(2020, h.Income.Year);
            Assert.InRange(h.Income.PerCapitaNetIncome, 3000m, 20_000m);
            Assert.Equal(h.Status != PovertyStatus.NotExited, h.ExitYear is not null);
            Assert.False(string.IsNullOrWhiteSpace(h.ResponsibleCadre));
        });
        Assert.True(households.Select(h => h.Cause).Distinct().Count() >= 10);
        Assert.True(households.Count(h => h.Cause == PovertyCause.Illness) > households.Count(h => h.Cause == PovertyCause.Disaster));
        Assert.Equal(households.Count, households.Select(h => h.Number).Distinct().Count());
        Assert.Equal(104, county.Villages.Select(v => v.Name).Distinct().Count());
        Assert.All(county.Townships, t => Assert.InRange(t.Villages.Count, 7, 8));
    }

    [Fact]
    public void TheSameSeedGivesTheSameCounty()
    {
        Assert.Equal(Fingerprint(DemoCountyGenerator.Generate(Small, 42)), Fingerprint(DemoCountyGenerator.Generate(Small, 42)));
        Assert.NotEqual(Fingerprint(DemoCountyGenerator.Generate(Small, 42)), Fingerprint(DemoCountyGenerator.Generate(Small, 43)));
    }

    [Fact]
    public void SmallCountsForTestsAreHitExactly()
    {
        var county = DemoCountyGenerator.Generate(Small, 1);
        var households = county.Households.ToList();

        Assert.Equal(2, county.Townships.Count);
        Assert.Equal(5, county.Villages.Count());
        Assert.Equal(60, households.Count);
        Assert.Equal(210, households.Sum(h => h.Size));
        Assert.Equal(15, households.Where(h => h.Status == PovertyStatus.NotExited).Sum(h => h.Size));
        Assert.Equal(5, households.Count(h => h.Monitoring == MonitoringCategory.Edge));
        Assert.Equal(3, households.Count(h => h.Monitoring == MonitoringCategory.Monitored));
        Assert.All(county.Villages, v => Assert.NotEmpty(v.Households));
    }

    [Fact]
    public void ImpossibleFiguresAreRefusedWithEveryReason()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            DemoCountyGenerator.Generate(Small with { Households = 3, EdgeHouseholds = 100 }, 1));

        Assert.Contains("every village needs at least one household", error.Message, StringComparison.Ordinal);
        Assert.Contains("edge and monitored households", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheGeneratedRegisterImportsWithoutErrors()
    {
        var county = DemoCountyGenerator.Generate(DemoCountySpec.Lufeng2020, 5);
        var batch = new RegisterImportBatch(new RegisterRowValidator(KnownPlaces.Of(county), 2020, new DateOnly(2021, 1, 15)), new Dictionary<ResidentIdNumber, string>());
        var line = 1;
        foreach (var township in county.Townships)
        {
            foreach (var village in township.Villages)
            {
                foreach (var household in village.Households)
                {
                    foreach (var member in household.Members)
                    {
                        batch.Add(Row(township, village, household, member), ++line);
                    }
                }
            }
        }

        var outcome = batch.Complete();

        Assert.Empty(outcome.Errors);
        Assert.Equal(7249, outcome.Households.Count);
        Assert.Equal(26499, outcome.ImportedRowCount);
    }

    private static Dictionary<string, string?> Row(Township township, Village village, Household household, Member member) => new()
    {
        [RegisterColumns.Township] = township.Name,
        [RegisterColumns.Village] = village.Name,
        [RegisterColumns.HouseholdNumber] = household.Number,
        [RegisterColumns.HeadName] = household.Head.Name,
        [RegisterColumns.MemberName] = member.Name,
        [RegisterColumns.Relationship] = ChineseTerms.Of(member.Relationship),
        [RegisterColumns.IdNumber] = member.IdNumber.Reveal(),
        [RegisterColumns.HouseholdSize] = household.Size.ToString(CultureInfo.InvariantCulture),
        [RegisterColumns.PovertyCause] = ChineseTerms.Of(household.Cause),
        [RegisterColumns.PovertyStatus] = ChineseTerms.Of(household.Status),
        [RegisterColumns.ExitYear] = household.ExitYear?.ToString(CultureInfo.InvariantCulture),
        [RegisterColumns.MonitoringCategory] = ChineseTerms.Of(household.Monitoring),
        [RegisterColumns.PerCapitaNetIncome] = household.Income.PerCapitaNetIncome.ToString(CultureInfo.InvariantCulture),
        [RegisterColumns.NetIncome] = household.Income.NetIncome?.ToString(CultureInfo.InvariantCulture),
        [RegisterColumns.ResponsibleCadre] = household.ResponsibleCadre,
    };

    private static string Fingerprint(County county)
    {
        var text = new StringBuilder();
        foreach (var village in county.Villages)
        {
            text.Append(village.Code).Append(village.Name);
            foreach (var household in village.Households)
            {
                text.Append(household.Number).Append(household.Cause).Append(household.Status).Append(household.Monitoring)
                    .Append(household.Income.PerCapitaNetIncome.ToString(CultureInfo.InvariantCulture)).Append(household.ResponsibleCadre);
                foreach (var member in household.Members)
                {
                    text.Append(member.Name).Append(member.IdNumber.Reveal()).Append(member.Relationship);
                }
            }
        }

        return text.ToString();
    }
}
