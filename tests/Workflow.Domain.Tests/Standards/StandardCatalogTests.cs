using System.Text.Json;
using System.Text.Json.Serialization;
using Workflow.Domain.Standards;

namespace Workflow.Domain.Tests.Standards;

public class StandardCatalogTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    [Fact]
    public void BothShippedRuleSetsLoadWithTheDocumentsCounts()
    {
        Assert.Equal([("220881", 2018), ("532331", 2020)], StandardCatalog.All.Select(r => (r.CountyCode, r.Year)).Order());
        foreach (var ruleSet in StandardCatalog.All)
        {
            // 002: “贫困县摘帽11项指标、贫困村出列15项指标、贫困人口退出7项指标”
            Assert.Equal(7, ruleSet.HouseholdIndicators.Count);
            Assert.Equal(15, ruleSet.VillageIndicators.Count);
            Assert.Equal(11, ruleSet.CountyIndicators.Count);
            Assert.Equal(4, ruleSet.NationalAssessmentIndicators.Count);
            Assert.NotEmpty(ruleSet.CollectiveIncomeCoverageIndicators);
        }
    }

    [Fact]
    public void EveryIndicatorNamesItsEvidenceAndTheSentenceBehindIt()
    {
        var all = StandardCatalog.All.SelectMany(r => r.HouseholdIndicators.Concat(r.VillageIndicators).Concat(r.CountyIndicators)
            .Concat(r.NationalAssessmentIndicators).Concat(r.CollectiveIncomeCoverageIndicators));

        Assert.All(all, indicator =>
        {
            Assert.False(string.IsNullOrWhiteSpace(indicator.Name));
            Assert.NotEmpty(indicator.Evidence);
            Assert.False(string.IsNullOrWhiteSpace(indicator.Basis));
        });
    }

    [Fact]
    public void TheTaonanThresholdsAreThoseOf002()
    {
        var taonan = StandardCatalog.For("220881", 2018);

        Assert.Equal(3600m, taonan.IncomeLine);
        Assert.Equal("< 2 %", taonan.VillageIndicators.Single(i => i.Code == "incidence").Threshold.ToString());
        Assert.Equal("≥ 200 平方米", taonan.VillageIndicators.Single(i => i.Code == "office").Threshold.ToString());
        Assert.Equal("> 3600 元", taonan.CountyIndicators.Single(i => i.Code == "income").Threshold.ToString());
        Assert.Equal("≥ 98 %", taonan.CountyIndicators.Single(i => i.Code == "exitAccuracy").Threshold.ToString());
    }

    [Fact]
    public void AnUnknownCountyOrYearIsATypedError()
    {
        var error = Assert.Throws<StandardNotAvailableException>(() => StandardCatalog.For("220881", 2019));

        Assert.Equal(("220881", 2019), (error.CountyCode, error.Year));
    }

    [Fact]
    public void ACountyAuthoredRuleSetIsCheckedLikeAShippedOne()
    {
        var json = JsonSerializer.Serialize(StandardCatalog.For("220881", 2018), Json);

        var copy = StandardRuleSet.FromJson(json);
        Assert.Equal(3600m, copy.IncomeLine);

        var withoutWater = json.Replace("\"code\":\"water\"", "\"code\":\"drinking\"", StringComparison.Ordinal);
        var error = Assert.Throws<InvalidDataException>(() => StandardRuleSet.FromJson(withoutWater));
        Assert.Contains("missing [water]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IncidenceNeedsAPopulation() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PovertyIncidence.Percent(1, 0));
}
