using System.Net;
using Workflow.App.Campaigns;
using Workflow.App.Tests.Register;
using Xunit;

namespace Workflow.App.Tests.Campaigns;

/// <summary>
/// A county without a campaign starts one from the board: a shipped plan copied to the county and the year, then run
/// like any other. Bad choices (no such template, a year that is not one) start nothing and say why.
/// </summary>
public sealed class CampaignStartFromBoardTests
{
    private const string County = "532331";

    /// <summary>Monday 2 March 2026, 09:00 in Beijing.</summary>
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task The_board_of_a_county_without_a_campaign_starts_one_from_a_template_copied_to_this_year()
    {
        await using var bed = await CampaignTestBed.StartAsync(Start);
        await bed.SavePlacesAsync(RegisterTestBed.Generate());

        var empty = await bed.Officer.GetAsync($"/console?county={County}");
        var form = await empty.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("按模板启动年度脱贫攻坚", form, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{County}-2020\">禄丰县2020年扶贫开发工作计划</option>", form, StringComparison.Ordinal);
        Assert.Contains("<option value=\"220881-2018\">洮南市2018年脱贫攻坚决胜年实施方案</option>", form, StringComparison.Ordinal);
        Assert.Contains("value=\"2026\"", form, StringComparison.Ordinal);

        var analyst = await bed.Analyst.PostAsync("/console/campaigns", Form(("county", County), ("template", "220881-2018"), ("year", "2026")));
        Assert.Equal(HttpStatusCode.Forbidden, analyst.StatusCode);

        // 洮南's 2018 plan, copied to this county and 2026: same phases and tasks, dates moved by eight years.
        var started = await bed.Officer.PostAsync("/console/campaigns", Form(("county", County), ("template", "220881-2018"), ("year", "2026")));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Equal($"/console?county={County}&year=2026", started.Headers.Location?.OriginalString);

        var waiting = await bed.WaitForPhaseAsync(County, 2026, "HundredDayCampaign", PhaseState.AwaitingStart);
        Assert.Equal("禄丰县2026年脱贫攻坚决胜年实施方案", waiting.Title);
        Assert.Equal(new DateOnly(2026, 3, 20), waiting.Phases[0].Start);
        Assert.Contains("待启动：百日会战", await bed.Officer.GetStringAsync($"/console?county={County}&year=2026"), StringComparison.Ordinal);

        // It runs like any campaign: 百日会战 opens on 20 March by its timer.
        await bed.MoveToAsync(new DateTimeOffset(2026, 3, 20, 0, 0, 1, TimeSpan.FromHours(8)));
        await bed.WaitForPhaseAsync(County, 2026, "HundredDayCampaign", PhaseState.Open);
        Assert.Contains("当前阶段：百日会战", await bed.Officer.GetStringAsync($"/console?county={County}&year=2026"), StringComparison.Ordinal);

        // Submitting the form again (a double click) starts nothing new.
        var again = await bed.Officer.PostAsync("/console/campaigns", Form(("county", County), ("template", "220881-2018"), ("year", "2026")));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var status = await bed.StatusAsync(County, 2026);
        Assert.Equal("HundredDayCampaign", status.Current!.Key);
        Assert.Equal(new DateOnly(2026, 3, 20), status.Current.EnteredOn);
    }

    [Fact]
    public async Task An_unknown_template_starts_nothing_and_says_why()
    {
        await using var bed = await CampaignTestBed.StartAsync(Start);
        await bed.SavePlacesAsync(RegisterTestBed.Generate());

        var unknown = await bed.Officer.PostAsync("/console/campaigns", Form(("county", County), ("template", "<b>x</b>"), ("year", "2026")));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("请选择计划模板", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var badYear = await bed.Officer.PostAsync("/console/campaigns", Form(("county", County), ("template", $"{County}-2020"), ("year", "20x6")));
        Assert.Equal(HttpStatusCode.BadRequest, badYear.StatusCode);
        Assert.Contains("填写年度（4 位数字）", await badYear.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        foreach (var year in new[] { 2026, 2027 })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await bed.Officer.GetAsync($"/api/counties/{County}/campaigns/{year}")).StatusCode);
        }
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
}
