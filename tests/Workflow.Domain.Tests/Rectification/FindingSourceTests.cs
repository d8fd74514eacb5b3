using Workflow.Domain.Tests.Sources;
using Workflow.Domain.Rectification;
using Workflow.Domain.Register;

namespace Workflow.Domain.Tests.Rectification;

/// <summary>
/// The sources seeds 002 and 004 name (白城市检, 自查自纠, 督查) are accepted everywhere; a county's own sources
/// (Rectification/Sources/*.json) only for that county, and a refusal lists what the county can use.
/// </summary>
public class FindingSourceTests
{
    private static readonly County Taonan = new("220881", "洮南市", [new Township("220881102", "瓦房镇", [])]);
    private static readonly County Lufeng = new("532331", "禄丰县", [new Township("532331101", "碧城镇", [])]);

    private static Dictionary<string, string?> Row(string source) => new()
    {
        [FindingColumns.Source] = source,
        [FindingColumns.Category] = "精准识别",
        [FindingColumns.Description] = "1户漏评",
        [FindingColumns.Township] = null,
        [FindingColumns.ResponsibleUnit] = "扶贫办",
        [FindingColumns.Deadline] = "2020-09-30",
    };

    [Theory]
    [InlineData("白城市检", FindingSource.Municipal)]
    [InlineData("自查自纠", FindingSource.SelfInspection)]
    [InlineData("督查", FindingSource.Supervision)]
    public void The_sources_the_seeds_name_are_accepted_in_every_county(string name, FindingSource expected)
    {
        foreach (var county in new[] { Taonan, Lufeng })
        {
            var finding = new FindingRowValidator(county, 2020).Validate(Row(name), 2).Finding;
            Assert.Equal((expected, null), (finding!.Source, finding.SourceLabel));
        }
    }

    [Fact]
    public void A_county_s_own_source_is_accepted_for_it_and_refused_for_another_county_with_what_that_county_may_use()
    {
        var lufeng = new FindingRowValidator(Lufeng, 2020).Validate(Row("暗访督战"), 2).Finding!;
        Assert.Equal((FindingSource.CountyDefined, "暗访督战", "暗访督战"), (lufeng.Source, lufeng.SourceLabel, lufeng.SourceName));

        var taonan = new FindingRowValidator(Taonan, 2020).Validate(Row("暗访督战"), 5);
        Assert.Null(taonan.Finding);
        var error = Assert.Single(taonan.Errors);
        Assert.Equal((5, FindingColumns.Source), (error.Line, error.Column));
        Assert.Equal("来源「暗访督战」无法识别，本县可填：国检、省检、市检、第三方评估、巡察、审计、自查自纠、督查", error.Reason);

        var unknown = Assert.Single(new FindingRowValidator(Lufeng, 2020).Validate(Row("抽查"), 3).Errors);
        Assert.EndsWith("本县可填：国检、省检、市检、第三方评估、巡察、审计、自查自纠、督查、暗访督战、专项巡视", unknown.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_placeholder_for_county_sources_cannot_be_typed_and_a_county_cannot_redefine_a_built_in_name()
    {
        var choices = new FindingSourceChoices(["联合检查"]);
        Assert.False(choices.TryRead("本县增设来源", out _, out _));
        Assert.False(choices.TryRead("CountyDefined", out _, out _));
        Assert.False(choices.TryRead("3", out _, out _));
        Assert.True(choices.TryRead(" 联合检查 ", out var source, out var label));
        Assert.Equal((FindingSource.CountyDefined, "联合检查"), (source, label));
        Assert.True(choices.TryRead("Audit", out var audit, out _));
        Assert.Equal(FindingSource.Audit, audit);

        var clash = new AddedFindingSources("999999", "某县", [new AddedFindingSource("白城市检", "county's choice")]);
        Assert.Contains("built-in", Assert.Throws<InvalidDataException>(() => clash.Checked()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_county_source_names_its_own_item_and_a_built_in_source_keeps_the_id_it_had()
    {
        var builtIn = new Finding(FindingSource.Provincial, "住房安全", "危房改造未验收", "县住建局", null, null, new DateOnly(2020, 9, 30));
        var own = builtIn with { Source = FindingSource.CountyDefined, SourceLabel = "暗访督战" };
        var otherOwn = own with { SourceLabel = "专项巡视" };

        // The id a 省检 finding had before county sources existed (hash of the same fields, no label).
        Assert.Equal("532331-2020-" + OldHash(builtIn), RectificationItemId.For("532331", 2020, builtIn));
        Assert.NotEqual(RectificationItemId.For("532331", 2020, own), RectificationItemId.For("532331", 2020, otherOwn));
    }

    [Fact]
    public void Every_shipped_county_source_cites_a_seed_sentence_that_is_in_the_seed()
    {
        Assert.NotEmpty(FindingSourceChoices.AllAdded);
        foreach (var source in FindingSourceChoices.AllAdded.SelectMany(a => a.Sources))
        {
            var match = System.Text.RegularExpressions.Regex.Match(source.Basis, @"seed (\d{3}): “(.+?)”\.");
            Assert.True(match.Success, source.Name);
            var seed = Path.GetFileName(Directory.GetFiles(SeedDocuments.Folder, match.Groups[1].Value + "_*.txt").Single());
            Assert.Equal(string.Empty, SeedDocuments.Problem(source.Name, seed, match.Groups[2].Value));
        }
    }

    private static string OldHash(Finding f)
    {
        var content = string.Join('\u001F', f.Source.ToString(), f.Category, f.Description, f.ResponsibleUnit, string.Empty, "2020-09-30");
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(content)))[..12];
    }
}
