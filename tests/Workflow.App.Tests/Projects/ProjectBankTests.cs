using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Domain.Projects;
using Workflow.App.Projects;
using Workflow.App.Projects.Web;
using Workflow.App.Tests.Funds;
using Workflow.App.Tests.Rectification;
using Xunit;

namespace Workflow.App.Tests.Projects;

/// <summary>
/// A project through the county's project bank on the whole app (real Kestrel, Azurite): proposed, every 评/审 step and
/// notice decided once (one notice's objection dismissed), then in operation its quarters recorded; a quarter under
/// the 10% line (002) is flagged to the county office's inbox and on /console/projects. Bad input changes nothing.
/// </summary>
public sealed class ProjectBankTests
{
    [Fact]
    public async Task A_project_passes_its_steps_once_each_and_a_quarter_below_ten_percent_is_flagged_to_the_county()
    {
        await using var bed = await FundTestBed.StartAsync();
        var village = bed.Township.Villages[0];

        var refused = await bed.County.PostAsJsonAsync($"/api/counties/{bed.Places.Code}/projects", new ProjectForm(bed.Township.Name, village.Name, "光伏扶贫电站", -1m), LedgerTestBed.Json);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("项目投资额必须大于 0 元。", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await bed.Services.GetRequiredService<ProjectStore>().ListAsync(bed.Places.Code, CancellationToken.None));

        var created = await bed.County.PostAsJsonAsync($"/api/counties/{bed.Places.Code}/projects", new ProjectForm(bed.Township.Name, village.Name, "光伏扶贫电站", 1_000_000m), LedgerTestBed.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<ProjectRecord>(LedgerTestBed.Json))!.Project.ProjectId;

        var early = await QuarterAsync(bed, id, "2026Q1", 30_000m, 10_000m);
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("项目尚未进入运营", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var procedure = ProjectProcedure.Default;
        foreach (var step in procedure.Steps.SkipLast(1))
        {
            var (outcome, note) = step.Kind switch
            {
                ProjectStepKind.Review or ProjectStepKind.Approval => (ProjectOutcome.Approved, (string?)null),
                ProjectStepKind.Notice when step.Code == "village-notice" => (ProjectOutcome.NoticePassed, "异议不成立：选址经村民代表会议确认"),
                ProjectStepKind.Notice => (ProjectOutcome.NoticePassed, null),
                _ => (ProjectOutcome.Done, null),
            };
            var decided = await DecideAsync(bed, id, step.Code, outcome, note);
            Assert.True(decided.StatusCode == HttpStatusCode.OK, $"{step.Code}: {await decided.Content.ReadAsStringAsync()}");
        }

        var twice = await DecideAsync(bed, id, "county-approval", ProjectOutcome.Approved, null);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("已经办理，不能重复办理", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var detail = (await bed.County.GetFromJsonAsync<ProjectDetail>($"/api/projects/{id}", LedgerTestBed.Json))!;
        Assert.Equal("operation", detail.Record.Progress.CurrentStep);
        Assert.Equal(procedure.Steps.Count - 1, detail.Record.Progress.Ended.Count);
        Assert.Contains(detail.Audit, a => a.Step == "village-notice" && a.Comment!.StartsWith("异议不成立", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, (await QuarterAsync(bed, id, "2026Q1", 25_000m, 10_000m)).StatusCode); // exactly 10% a year: meets the line
        var negative = await QuarterAsync(bed, id, "2026Q2", -5m, 0m);
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Contains("季度收益不能为负数。", await negative.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var console = await bed.County.GetStringAsync($"/console/projects?county={bed.Places.Code}");
        Assert.Contains($"data-project=\"{id}\" data-below-line=\"no\"", console, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await QuarterAsync(bed, id, "2026Q2", 20_000m, 8_000m)).StatusCode); // 8% a year
        var again = await QuarterAsync(bed, id, "2026Q2", 30_000m, 8_000m);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("2026年第2季度的收益已经登记", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await bed.WaitForInboxAsync(ProjectLedger.CountyOffice(bed.Places.Code), "折合年收益率 8%，低于 10% 的底线");
        console = await bed.County.GetStringAsync($"/console/projects?county={bed.Places.Code}");
        Assert.Contains($"data-project=\"{id}\" data-below-line=\"yes\"", console, StringComparison.Ordinal);
        Assert.Contains("8%（低于底线）", console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_console_form_records_a_quarter_and_refuses_an_unreadable_one_with_nothing_changed()
    {
        await using var bed = await FundTestBed.StartAsync();
        var ledger = bed.Services.GetRequiredService<ProjectLedger>();
        var village = bed.Township.Villages[0];
        var id = (await ledger.ProposeAsync(bed.Places.Code, new ProjectForm(bed.Township.Name, village.Name, "食用菌大棚", 400_000m), "测试", CancellationToken.None)).Record!.Project.ProjectId;
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

        var bad = await PostQuarterFormAsync(bed, id, "2026Q3", "一万元");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("请按数字填写", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var store = bed.Services.GetRequiredService<ProjectStore>();
        Assert.Empty((await store.GetAsync(id, CancellationToken.None))!.Quarters);

        var good = await PostQuarterFormAsync(bed, id, "2026Q3", "12,000");
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var record = await store.GetAsync(id, CancellationToken.None);
        Assert.Equal(0.12m, Assert.Single(record!.Quarters).Yield.AnnualRate);
        Assert.False(record.Flagged);
    }

    private static Task<HttpResponseMessage> DecideAsync(FundTestBed bed, string id, string step, ProjectOutcome outcome, string? note) =>
        bed.County.PostAsJsonAsync($"/api/projects/{id}/steps/{step}", new ProjectStepDecision(outcome, note), LedgerTestBed.Json);

    private static Task<HttpResponseMessage> QuarterAsync(FundTestBed bed, string id, string quarter, decimal income, decimal dividends) =>
        bed.County.PostAsJsonAsync($"/api/projects/{id}/quarters", new ProjectQuarterForm(quarter, income, dividends), LedgerTestBed.Json);

    private static Task<HttpResponseMessage> PostQuarterFormAsync(FundTestBed bed, string id, string quarter, string income) =>
        bed.County.PostAsync("/console/projects/quarters", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["county"] = bed.Places.Code,
            ["project"] = id,
            ["quarter"] = quarter,
            ["income"] = income,
            ["dividends"] = "5000",
        }));
}
