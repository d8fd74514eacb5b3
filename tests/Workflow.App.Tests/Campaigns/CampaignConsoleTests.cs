using System.Net;
using System.Net.Http.Json;
using System.Text;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Domain.Plans;
using Workflow.App.Audit;
using Workflow.App.Campaigns;
using Workflow.App.Tests.Exits;
using Xunit;

namespace Workflow.App.Tests.Campaigns;

/// <summary>
/// The console's campaign board (/console) and task list (/console/tasks) over real HTTP: who may open them, the
/// phases, the current phase and its gates, the due and overdue tasks with their filters and CSV, markup from a plan
/// shown as text, and the board's advance and override forms (one advance for a double submit, a reason required, an
/// officer may not override). The read-only views share one campaign (<see cref="CampaignConsoleTests.Year2018"/>),
/// standing in 考核评估 on 2 July 2018 with the third-party findings not yet entered.
/// </summary>
public sealed class CampaignConsoleTests(CampaignConsoleTests.Year2018 year) : IClassFixture<CampaignConsoleTests.Year2018>
{
    private const string County = "220881";
    private const string HtmlTitle = "村办公场所<img src=x onerror=\"window.__xss=1\">";
    private const string HtmlUnit = "组织部<b>二科</b>";
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private static DateTimeOffset At(int month, int day, int hour = 0) => new(2018, month, day, hour, 0, 1, Beijing);

    /// <summary>洮南 2018 with markup in task 26's title and lead unit; 百日会战 advanced, 考核评估 open since 1 July.</summary>
    public sealed class Year2018 : IAsyncLifetime
    {
        internal CampaignTestBed Bed { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Bed = await CampaignTestBed.StartAsync(At(3, 19, 9));
            var template = PlanTemplates.For(County, 2018);
            var plan = template with { Tasks = template.Tasks.Select(t => t.Number == "26" ? t with { Title = HtmlTitle, LeadUnits = [HtmlUnit] } : t).ToList() };
            Assert.Equal(HttpStatusCode.Created, (await Bed.Officer.PostAsJsonAsync($"/api/counties/{County}/campaigns", new { plan }, ExitTestBed.Json)).StatusCode);
            await Bed.MoveToAsync(At(3, 20));
            await Bed.WaitForPhaseAsync(County, 2018, "HundredDayCampaign", PhaseState.Open);
            Assert.Equal(HttpStatusCode.Accepted, (await Bed.AdvanceAsync(Bed.Officer, County, 2018, "HundredDayCampaign")).StatusCode);
            await Bed.WaitForPhaseAsync(County, 2018, "Assessment", PhaseState.AwaitingStart);
            await Bed.MoveToAsync(At(7, 2, 10));
            await Bed.WaitForPhaseAsync(County, 2018, "Assessment", PhaseState.Open);
        }

        public async Task DisposeAsync() => await Bed.DisposeAsync();
    }

    private CampaignTestBed Bed => year.Bed;

    [Theory]
    [InlineData("/console")]
    [InlineData("/console/tasks")]
    [InlineData("/console/tasks?format=csv&x=")]
    public async Task Only_county_roles_may_open_the_page_and_an_anonymous_visitor_is_sent_to_sign_in(string path)
    {
        var url = path.Contains('?', StringComparison.Ordinal) ? $"{path}&county={County}" : $"{path}?county={County}";
        using var approver = await SignInAsync(Bed, "乡镇 张审核|TownshipApprover");
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Bed.Anonymous.BaseAddress };

        var signIn = await anonymous.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.StartsWith("/dev/signin", signIn.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await approver.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Bed.Analyst.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Bed.Officer.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Bed.Admin.GetAsync(url)).StatusCode);
    }

    [Theory]
    [InlineData("/console")]
    [InlineData("/console/tasks")]
    public async Task A_county_with_no_register_and_no_campaign_gets_a_chinese_404_and_a_malformed_code_a_400(string path)
    {
        var unknown = await Bed.Officer.GetAsync($"{path}?county=999999");
        var malformed = await Bed.Officer.GetAsync($"{path}?county=22088");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("text/html", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Contains("县代码 999999 尚未登记：本系统没有该县的名册。", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("6 位数字", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_board_shows_the_phases_the_current_one_and_its_failing_gate_with_what_blocks_it()
    {
        var page = await Bed.Officer.GetStringAsync($"/console?county={County}");

        Assert.Contains("<html lang=\"zh-CN\"", page, StringComparison.Ordinal);
        Assert.Contains("<li data-phase=\"HundredDayCampaign\" data-state=\"Closed\">百日会战 2018-03-20至2018-06-30 · 已结束 · 2018-03-20开始</li>", page, StringComparison.Ordinal);
        Assert.Contains("data-phase=\"Assessment\" data-state=\"Open\"><strong>考核评估</strong>", page, StringComparison.Ordinal);
        Assert.Contains("data-phase=\"HundredDayRectification\" data-state=\"Later\">百日整改", page, StringComparison.Ordinal);
        Assert.Contains("data-phase=\"AcceptanceInspection\" data-state=\"Later\">迎检验收", page, StringComparison.Ordinal);
        Assert.Contains("<h2>当前阶段：考核评估</h2>", page, StringComparison.Ordinal);
        Assert.Contains("剩余 30 天（其中工作日 22 天）", page, StringComparison.Ordinal);
        Assert.Contains("<li data-passed=\"false\">✘ 未满足：结束「考核评估」前：已录入第三方评估反馈问题", page, StringComparison.Ordinal);
        Assert.Contains("<li>尚未录入第三方评估反馈问题</li>", page, StringComparison.Ordinal);
        Assert.Contains(">推进到“百日整改”</button>", page, StringComparison.Ordinal);
        // An officer is told who may override; the override form is the admin's.
        Assert.DoesNotContain("id=\"override\"", page, StringComparison.Ordinal);
        Assert.Contains("只有县扶贫办负责人可以填写理由强制推进", page, StringComparison.Ordinal);
        Assert.Contains("id=\"override\"", await Bed.Admin.GetStringAsync($"/console?county={County}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_task_list_shows_due_and_overdue_tasks_and_its_filters_narrow_it()
    {
        var all = await Bed.Officer.GetStringAsync($"/console/tasks?county={County}");
        var inProgress = await Bed.Officer.GetStringAsync($"/console/tasks?county={County}&status=InProgress");
        var byUnit = await Bed.Officer.GetStringAsync($"/console/tasks?county={County}&unit={Uri.EscapeDataString(" 住建局 ")}");
        var byPhase = await Bed.Officer.GetStringAsync($"/console/tasks?county={County}&phase=Assessment");

        // On 2 July every task due 6/30 and every monthly report since March is late; 17 安全住房, 20 社会帮扶, 21 硬化路 and
        // 22 安全饮水 are due 9/30 (21 and 22 report monthly only after it).
        Assert.Contains("共 30 项，逾期 26 项。", all, StringComparison.Ordinal);
        Assert.Equal(26, Count(all, "data-status=\"Overdue\""));
        Assert.Contains("<td class=\"bad\">逾期</td>", all, StringComparison.Ordinal);
        Assert.Contains("共 4 项，逾期 0 项。", inProgress, StringComparison.Ordinal);
        Assert.Equal(4, Count(inProgress, "data-status=\"InProgress\""));
        Assert.Contains("安全住房", inProgress, StringComparison.Ordinal);
        Assert.Contains("社会帮扶", inProgress, StringComparison.Ordinal);
        Assert.Contains("<td>2018-09-30 完成时限</td>", inProgress, StringComparison.Ordinal);
        Assert.Contains("<option value=\"InProgress\" selected>进行中</option>", inProgress, StringComparison.Ordinal);
        Assert.Contains("共 1 项", byUnit, StringComparison.Ordinal);
        Assert.Contains("<td>住建局</td>", byUnit, StringComparison.Ordinal);
        Assert.Contains("value=\"住建局\"", byUnit, StringComparison.Ordinal);
        Assert.Contains("共 0 项", byPhase, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_csv_is_utf8_with_a_bom_chinese_headers_and_the_rows_of_the_page()
    {
        var filter = $"county={County}&status=InProgress";
        var page = await Bed.Officer.GetStringAsync($"/console/tasks?{filter}");
        var response = await Bed.Officer.GetAsync($"/console/tasks?{filter}&format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("filename*=UTF-8''", response.Content.Headers.ContentDisposition?.ToString() ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains("format=csv", page, StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var rows = Rows(Encoding.UTF8.GetString(bytes[3..]));
        Assert.Equal(["编号", "任务", "牵头单位", "完成时限", "状态", "下一报送节点", "报送次数", "最近报送"], rows[0]);
        Assert.Equal(
            [
                ["17", "安全住房", "住建局", "2018年9月30日", "进行中", "2018-09-30 完成时限", "0", ""],
                ["20", "社会帮扶", "宣传部", "2018年9月30日", "进行中", "2018-09-30 完成时限", "0", ""],
                ["21", "硬化路", "交通局", "2018年9月30日、长期坚持", "进行中", "2018-09-30 完成时限", "0", ""],
                ["22", "安全饮水", "水利局", "2018年9月30日、长期坚持", "进行中", "2018-09-30 完成时限", "0", ""],
            ],
            rows.Skip(1));
        Assert.Equal(rows.Count - 1, Count(page, "<tr data-task="));
        foreach (var row in rows.Skip(1))
        {
            Assert.Contains($"<td>{row[0]}</td><td>{row[1]}</td><td>{row[2]}</td><td>{row[3]}</td>", page, StringComparison.Ordinal);
        }

        var allRows = Rows(Encoding.UTF8.GetString((await Bed.Officer.GetByteArrayAsync($"/console/tasks?county={County}&format=csv"))[3..]));
        Assert.Equal(31, allRows.Count);
        Assert.Equal(26, allRows.Count(r => r[4] == "逾期"));
    }

    [Fact]
    public async Task Markup_in_a_task_title_or_unit_shows_as_text()
    {
        var page = await Bed.Officer.GetStringAsync($"/console/tasks?county={County}");
        var csv = Encoding.UTF8.GetString((await Bed.Officer.GetByteArrayAsync($"/console/tasks?county={County}&format=csv"))[3..]);

        Assert.DoesNotContain("<img", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", page, StringComparison.Ordinal);
        Assert.Contains("村办公场所&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;", page, StringComparison.Ordinal);
        Assert.Contains("组织部&lt;b&gt;二科&lt;/b&gt;", page, StringComparison.Ordinal);
        Assert.Contains(Rows(csv), r => r[1] == HtmlTitle && r[2] == HtmlUnit);
    }

    [Fact]
    public async Task The_board_forms_advance_once_for_a_double_submit_and_an_override_needs_an_admin_and_a_reason()
    {
        await using var bed = await CampaignTestBed.StartAsync(At(3, 19, 9));
        Assert.Equal(HttpStatusCode.Created, (await bed.StartCampaignAsync(County, 2018)).StatusCode);
        await bed.MoveToAsync(At(3, 20));
        await bed.WaitForPhaseAsync(County, 2018, "HundredDayCampaign", PhaseState.Open);

        // A double submit of the advance form: both answered, one advance.
        var clicks = await Task.WhenAll(PostAsync(bed.Officer, "/console/advance", "HundredDayCampaign"), PostAsync(bed.Officer, "/console/advance", "HundredDayCampaign"));
        Assert.All(clicks, c => Assert.True(c.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, c.StatusCode.ToString()));
        Assert.Contains(clicks, c => c.StatusCode == HttpStatusCode.OK);
        Assert.Contains("已提交：结束“百日会战”，推进到“考核评估”。", await clicks.First(c => c.StatusCode == HttpStatusCode.OK).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await bed.WaitForPhaseAsync(County, 2018, "Assessment", PhaseState.AwaitingStart);
        var again = await PostAsync(bed.Officer, "/console/advance", "HundredDayCampaign");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("不是当前阶段", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await bed.MoveToAsync(At(7, 2, 10));
        await bed.WaitForPhaseAsync(County, 2018, "Assessment", PhaseState.Open);

        // The gate fails: the advance is refused with the blocker; an officer may not override; an admin needs a reason.
        var blocked = await PostAsync(bed.Officer, "/console/advance", "Assessment");
        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);
        var blockedPage = await blocked.Content.ReadAsStringAsync();
        Assert.Contains("<div class=\"bad\" role=\"alert\"><p>推进条件未满足，不能推进。</p><ul class=\"blockers\"><li>结束「考核评估」前：已录入第三方评估反馈问题——尚未录入第三方评估反馈问题</li></ul></div>",
            blockedPage, StringComparison.Ordinal);
        var officerOverride = await PostAsync(bed.Officer, "/console/advance", "Assessment", "县里决定先整改");
        Assert.Equal(HttpStatusCode.Forbidden, officerOverride.StatusCode);
        Assert.Contains("只有县扶贫办负责人", await officerOverride.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var empty in new[] { string.Empty, "   \n " })
        {
            var refused = await PostAsync(bed.Admin, "/console/advance", "Assessment", empty);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("强制推进须填写理由", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal("Assessment", (await bed.StatusAsync(County, 2018)).Current!.Key);

        // An admin with a reason (markup in it) advances; the board and the audit keep the reason as text.
        const string reason = "评估组延期反馈<script>window.__xss=1</script>，先行整改";
        var accepted = await PostAsync(bed.Admin, "/console/advance", "Assessment", reason);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        await bed.WaitForPhaseAsync(County, 2018, "HundredDayRectification", PhaseState.AwaitingStart);
        var status = await bed.WaitForHistoryAsync(County, 2018, CampaignTimelineKinds.Advanced, "advance-Assessment");
        Assert.Single(status.History, h => h.Key == "advance-HundredDayCampaign");
        var board = await bed.Admin.GetStringAsync($"/console?county={County}");
        Assert.DoesNotContain("<script>window.__xss", board, StringComparison.Ordinal);
        Assert.Contains("评估组延期反馈&lt;script&gt;window.__xss=1&lt;/script&gt;，先行整改", board, StringComparison.Ordinal);
        var audit = await bed.Services.GetRequiredService<AuditLog>().ReadAsync(CampaignKeys.InstanceId(County, 2018), CancellationToken.None);
        Assert.Contains(reason, Assert.Single(audit, a => a.Action == "override").Comment, StringComparison.Ordinal);
        Assert.Single(audit, a => a.Action == "advance");
    }

    /// <summary>Posts the board's advance form as the browser would; a reason makes it the override form.</summary>
    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string from, string? reason = null)
    {
        var fields = new Dictionary<string, string> { ["county"] = County, ["year"] = "2018", ["from"] = from };
        if (reason is not null)
        {
            fields["override"] = "yes";
            fields["reason"] = reason;
        }

        return client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    private static Task<HttpClient> SignInAsync(CampaignTestBed bed, string user) => RunningApp.SignedInClientAsync(bed.Anonymous.BaseAddress!, user);

    private static int Count(string text, string what) => (text.Length - text.Replace(what, string.Empty, StringComparison.Ordinal).Length) / what.Length;

    private static List<List<string>> Rows(string csv)
    {
        using var reader = CsvReader.FromText(csv, CsvReaderOptions.Default with { HasHeader = false });
        var rows = new List<List<string>>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToList());
        }

        return rows;
    }
}
