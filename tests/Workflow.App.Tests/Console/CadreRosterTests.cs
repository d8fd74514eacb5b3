using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Domain.Register;
using Workflow.App.Register;
using Workflow.App.Tests.Register;
using Xunit;

namespace Workflow.App.Tests.Console;

/// <summary>
/// The console's 帮扶责任人 view over HTTP: every cadre with their households and a count, against the register; a
/// cadre holding more than 5 (a register loaded before the rule) flagged; markup in a cadre's name shown as text.
/// </summary>
public sealed class CadreRosterTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private const string HtmlCadre = "<b onclick=\"alert(1)\">王芳</b>";

    private ConsoleTestBed Bed => fixture.Bed;

    [Fact]
    public async Task Every_cadre_is_listed_with_their_households_and_count()
    {
        var page = await Bed.Officer.GetStringAsync($"/console/cadres?county={Bed.CountyCode}");

        var rows = ConsoleTestBed.Table(page, "cadres").Skip(1).ToList();
        var households = Bed.Households.ToList();
        Assert.Equal(households.Count, rows.Count);
        Assert.Equal(
            households.Select(x => $"{x.Household.Head.Name}|{x.Village.Name}|{x.Household.Number}|{ChineseTerms.Of(x.Household.Status)}").Order(StringComparer.Ordinal),
            rows.Select(r => string.Join("|", r.TakeLast(5).Take(4).Select(c => c.Text))).Order(StringComparer.Ordinal));

        // No round has run: no household has a month not checked.
        Assert.All(rows, r => Assert.Equal(string.Empty, r[^1].Text));

        // The first row of each cadre carries the township, the name, the count, the flag and the checks not filed this month and quarter.
        var cadres = households.GroupBy(x => (x.Township.Name, x.Household.ResponsibleCadre)).ToList();
        var firstRows = rows.Where(r => r.Count == 11).ToList();
        Assert.Equal(cadres.Count, firstRows.Count);
        foreach (var cadre in cadres)
        {
            var row = Assert.Single(firstRows, r => r[0].Text == cadre.Key.Item1 && r[1].Text == cadre.Key.Item2);
            Assert.Equal(cadre.Count().ToString(CultureInfo.InvariantCulture), row[2].Text);
            Assert.Equal("✓ 未超过", row[3].Text);
            Assert.Equal(("0", "0"), (row[4].Text, row[5].Text));
        }

        Assert.Contains("帮扶责任人</strong>", page, StringComparison.Ordinal);
        Assert.Contains("每人帮扶不超过 5 户", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cadre_over_the_limit_is_flagged_and_markup_in_the_name_is_text()
    {
        var county = await SaveCountyWithOverLimitCadreAsync("532398", 7);

        var response = await Bed.Officer.GetAsync($"/console/cadres?county={county.Code}");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(HtmlCadre, page, StringComparison.Ordinal);
        Assert.DoesNotContain("<b onclick", page, StringComparison.Ordinal);
        Assert.Contains("&lt;b onclick=&quot;alert(1)&quot;&gt;王芳&lt;/b&gt;", page, StringComparison.Ordinal);
        var rows = ConsoleTestBed.Table(page, "cadres").Skip(1).Where(r => r.Count == 11).ToList();
        var flagged = Assert.Single(rows, r => r[3].Text != "✓ 未超过");
        Assert.Equal((HtmlCadre, "7", "✗ 超过 5 户"), (flagged[1].Text, flagged[2].Text, flagged[3].Text));
        Assert.Contains("1 名超过每人 5 户的上限", page, StringComparison.Ordinal);
    }

    /// <summary>A second county on the register whose first township's first households all have one cadre, as a register loaded before the rule could.</summary>
    private async Task<County> SaveCountyWithOverLimitCadreAsync(string code, int households)
    {
        var generated = RegisterTestBed.Generate(RegisterTestBed.SmallSpec with { CountyCode = code, CountyName = "测试县" });
        var numbers = generated.Townships[0].Villages.SelectMany(v => v.Households).Take(households).Select(h => h.Number).ToHashSet();
        var first = generated.Townships[0] with
        {
            Villages = [.. generated.Townships[0].Villages.Select(v => v with
            {
                Households = [.. v.Households.Select(h => numbers.Contains(h.Number)
                    ? new Household(h.Number, h.Members, h.Cause, h.Status, h.ExitYear, h.Monitoring, h.Income, HtmlCadre)
                    : h)],
            })],
        };
        var county = generated with { Townships = [first, .. generated.Townships.Skip(1)] };
        Assert.Equal(households, county.Townships[0].Villages.SelectMany(v => v.Households).Count(h => h.ResponsibleCadre == HtmlCadre));

        var directory = Bed.Services.GetRequiredService<CountyDirectory>();
        var store = Bed.Services.GetRequiredService<RegisterStore>();
        await directory.SavePlacesAsync(county, CancellationToken.None);
        var index = await store.ReadIndexAsync(county.Code, CancellationToken.None);
        await store.SaveAsync(county.Code, index, county.Townships.SelectMany(t => t.Villages.SelectMany(v => v.Households.Select(h =>
            new RegisteredHousehold(t.Code, t.Name, v.Code, v.Name, h)))), CancellationToken.None);
        await directory.SaveCountyAsync(new RegisteredCounty(county.Code, county.Name, null), CancellationToken.None);
        return county;
    }
}
