using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Workflow.Domain.Campaigns;
using Workflow.Domain.Plans;
using Workflow.App.Campaigns;
using Workflow.App.Tests.Register;
using Xunit;

namespace Workflow.App.Tests.Campaigns;

/// <summary>
/// The county console as a new office meets it (issue 19, 2.9): a county without a campaign gets a start page, not a
/// red 404; this year's plan starts although next year's holidays are not published yet (the board says working days
/// are then counted by weekends); a campaign started for a past year is what /console shows without ?year=; and the
/// board and the task list agree on what is late, both measuring the plan's dates against the same now.
/// </summary>
public sealed partial class ConsoleOutOfTheBoxTests(ConsoleOutOfTheBoxTests.Started2020In2026 past) : IClassFixture<ConsoleOutOfTheBoxTests.Started2020In2026>
{
    private const string County = "532331";
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>Monday 7 December 2026, 10:00 in Beijing.</summary>
    private static readonly DateTimeOffset December2026 = new(2026, 12, 7, 10, 0, 0, Beijing);

    /// <summary>禄丰's 2020 plan started from the board's form on 7 December 2026, its first phase (春季攻势) entered at once.</summary>
    public sealed class Started2020In2026 : IAsyncLifetime
    {
        internal CampaignTestBed Bed { get; private set; } = null!;

        internal HttpResponseMessage Started { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Bed = await CampaignTestBed.StartAsync(December2026);
            await Bed.SavePlacesAsync(RegisterTestBed.Generate());
            Started = await Bed.Officer.PostAsync("/console/campaigns", Form(("county", County), ("template", $"{County}-2020"), ("year", "2020")));
            await Bed.WaitForPhaseAsync(County, 2020, "SpringOffensive", PhaseState.Open);
        }

        public async Task DisposeAsync() => await Bed.DisposeAsync();
    }

    [Fact]
    public async Task A_registered_county_without_a_campaign_gets_a_start_page_that_explains_and_offers_the_templates()
    {
        await using var bed = await CampaignTestBed.StartAsync(December2026);
        await bed.SavePlacesAsync(RegisterTestBed.Generate());

        var response = await bed.Officer.GetAsync($"/console?county={County}");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("class=\"bad\"", page, StringComparison.Ordinal);
        Assert.Contains("尚未启动", page, StringComparison.Ordinal);
        Assert.Contains("按模板启动年度脱贫攻坚", page, StringComparison.Ordinal);
        Assert.Contains("禄丰县2020年扶贫开发工作计划", page, StringComparison.Ordinal);
        Assert.Contains("value=\"2026\"", page, StringComparison.Ordinal);
        var tasks = await bed.Officer.GetAsync($"/console/tasks?county={County}");
        Assert.Equal(HttpStatusCode.OK, tasks.StatusCode);
        Assert.Contains("尚未启动", await tasks.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task This_years_plan_starts_while_next_years_holidays_are_unpublished_and_the_board_says_weekends_are_counted()
    {
        // Monday 2 March 2026: 禄丰's plan copied to 2026 runs to 31 January 2027, and no 2027 holiday schedule is shipped.
        await using var bed = await CampaignTestBed.StartAsync(new DateTimeOffset(2026, 3, 2, 9, 0, 0, Beijing));
        await bed.SavePlacesAsync(RegisterTestBed.Generate());

        var started = await bed.Officer.PostAsync("/console/campaigns", Form(("county", County), ("template", $"{County}-2020"), ("year", "2026")));

        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var spring = await bed.WaitForPhaseAsync(County, 2026, "SpringOffensive", PhaseState.Open);
        Assert.Equal(new PhaseDaysLeft(30, 22), spring.Current!.DaysLeft);
        var board = await bed.Officer.GetStringAsync($"/console?county={County}");
        Assert.Contains("攻坚看板 · 禄丰县2026年", board, StringComparison.Ordinal);
        Assert.Contains("2027 年节假日安排尚未发布，按周末计算", board, StringComparison.Ordinal);
        Assert.Contains("剩余 30 天（其中工作日 22 天）", board, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_starting_a_past_year_the_board_and_the_task_list_show_it_without_a_year()
    {
        Assert.Equal(HttpStatusCode.Redirect, past.Started.StatusCode);

        var board = await past.Bed.Officer.GetAsync($"/console?county={County}");
        var tasks = await past.Bed.Officer.GetAsync($"/console/tasks?county={County}");

        Assert.Equal(HttpStatusCode.OK, board.StatusCode);
        Assert.Contains("攻坚看板 · 禄丰县2020年", await board.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, tasks.StatusCode);
        Assert.Contains("任务清单 · 禄丰县2020年扶贫开发工作计划", await tasks.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_board_and_the_task_list_agree_that_tasks_due_in_2020_are_late_in_2026()
    {
        var plan = PlanTemplates.For(County, 2020);
        var dueBeforeNow = plan.Tasks.Count(t => CampaignSchedule.Opens(plan, "SpringOffensive", t) && t.Deadline.Date < new DateOnly(2026, 12, 7));
        var daysOver = new DateOnly(2026, 12, 7).DayNumber - new DateOnly(2020, 3, 31).DayNumber;

        var board = await past.Bed.Officer.GetStringAsync($"/console?county={County}&year=2020");
        var tasks = await past.Bed.Officer.GetStringAsync($"/console/tasks?county={County}&year=2020");

        Assert.Equal(20, dueBeforeNow);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"已超过计划结束日期 {daysOver} 天"), board, StringComparison.Ordinal);
        Assert.Equal(dueBeforeNow.ToString(CultureInfo.InvariantCulture), BoardOverdue().Match(board).Groups[1].Value);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"共 20 项，逾期 {dueBeforeNow} 项。"), tasks, StringComparison.Ordinal);
        Assert.Equal(dueBeforeNow, Regex.Count(tasks, "data-status=\"Overdue\""));
        // What is owed is the plan's date, not the day the phase happened to be entered.
        Assert.DoesNotContain("2026-12-07 完成时限", tasks, StringComparison.Ordinal);
        Assert.Contains("2020-06-30 完成时限", tasks, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_report_link_names_its_due_point_and_keeps_markup_and_overlong_text_as_text()
    {
        // 一 产业扶贫成效提升工程 (县农业农村局) was due 30 October 2020; its unit's link says so by name and date.
        var link = await past.Bed.WaitForReportLinkAsync(County, "县农业农村局", $"{County}-2020-t01", "due-20201030");
        var form = await past.Bed.Anonymous.GetStringAsync(link);
        Assert.Contains("报送单位：县农业农村局 · 报送节点：2020-10-30 完成时限", form, StringComparison.Ordinal);

        const string name = "<b>刘</b>\r\n报送";
        var overlong = await past.Bed.ReportAsync(link, new string('进', 100_000), completed: false, name: name);
        var refusal = await overlong.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, overlong.StatusCode);
        Assert.Contains("请填写工作进展（不超过 1000 字）。", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", refusal, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;刘&lt;/b&gt;", refusal, StringComparison.Ordinal);

        var reported = await past.Bed.ReportAsync(link, "<script>window.__xss=1</script>\r\n已完成 80%", completed: false, name: name);
        Assert.Equal(HttpStatusCode.OK, reported.StatusCode);
        Assert.Contains("data-reported=\"progress\"", await reported.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var tasks = await past.Bed.Officer.GetStringAsync($"/console/tasks?county={County}&year=2020");
        Assert.Matches($"<tr data-task=\"{County}-2020-t01\"[^\n]*<td>1 次，最近 ", tasks);
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    [GeneratedRegex("其中逾期 <span[^>]*>(\\d+)</span> 项")]
    private static partial Regex BoardOverdue();
}
