using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Domain.Campaigns;
using Workflow.App.Campaigns;
using Workflow.App.Hosting;
using Workflow.App.Links;
using Xunit;

namespace Workflow.App.Tests.Campaigns;

/// <summary>
/// A report link spent by a process that stopped before it wrote the report: the report was kept in the redemption
/// (the atomic write that spends the link), so the next visit of the link or the redelivery sweep writes it, once.
/// The crash is the redemption written as the intake writes it, with nothing after it.
/// </summary>
public sealed class TaskReportCrashTests
{
    private const string County = "532331";
    private const int Year = 2020;
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    [Fact]
    public async Task A_report_kept_when_its_link_was_spent_but_never_written_arrives_once_by_the_next_visit_or_the_sweep()
    {
        await using var bed = await CampaignTestBed.StartAsync(new DateTimeOffset(2019, 12, 31, 23, 0, 0, Beijing));
        Assert.Equal(HttpStatusCode.Created, (await bed.StartCampaignAsync(County, Year)).StatusCode);
        await bed.MoveToAsync(new DateTimeOffset(2020, 1, 1, 0, 0, 1, Beijing));
        await bed.WaitForPhaseAsync(County, Year, "SpringOffensive", PhaseState.Open);
        var visited = await bed.WaitForReportLinkAsync(County, "县扶贫办", "532331-2020-t09", "report-20200320");
        var swept = await bed.WaitForReportLinkAsync(County, "县人力资源和社会保障局", "532331-2020-t02", "report-20200320");

        await bed.MoveToAsync(new DateTimeOffset(2020, 3, 10, 10, 0, 0, Beijing));
        await CrashAfterSpendingAsync(bed, visited, "县扶贫办", "小额信贷风险排查完成80%");
        await CrashAfterSpendingAsync(bed, swept, "县人力资源和社会保障局", "转移就业培训完成6期");
        Assert.Empty((await bed.StatusAsync(County, Year)).Tasks.SelectMany(t => t.Reports));

        // The unit opens its link again: it is spent, and what it kept is written now.
        var again = await bed.Anonymous.GetAsync(visited);
        Assert.Contains("该链接已使用过", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var afterVisit = await bed.StatusAsync(County, Year);
        Assert.Equal("小额信贷风险排查完成80%", Assert.Single(afterVisit.Tasks.SelectMany(t => t.Reports)).Progress);

        // The sweep takes what is older than its grace period; running it twice, and visiting twice, writes nothing more.
        await bed.MoveToAsync(new DateTimeOffset(2020, 3, 10, 10, 1, 0, Beijing));
        await SweepAsync(bed);
        await SweepAsync(bed);
        await bed.Anonymous.GetAsync(visited);
        await bed.Anonymous.GetAsync(swept);
        var end = await bed.StatusAsync(County, Year);
        Assert.Equal([("532331-2020-t02", "转移就业培训完成6期"), ("532331-2020-t09", "小额信贷风险排查完成80%")],
            end.Tasks.SelectMany(t => t.Reports).Select(r => (r.TaskId, r.Progress)).Order().ToList());
        Assert.Equal(2, end.History.Count(h => h.Kind == CampaignTimelineKinds.Reported));
        Assert.Equal(TrackedTaskStatus.InProgress, end.Tasks.Single(t => t.Task.TaskId == "532331-2020-t09").Status);
        var redemptions = bed.Services.GetRequiredService<LinkRedemptionStore>();
        Assert.Null(await redemptions.FindUndeliveredAsync("532331-2020-t09", "report-20200320", CancellationToken.None));
        Assert.Null(await redemptions.FindUndeliveredAsync("532331-2020-t02", "report-20200320", CancellationToken.None));
    }

    /// <summary>What <see cref="TaskReportIntake.ReportAsync"/> writes before anything else, and then the process is gone.</summary>
    private static async Task CrashAfterSpendingAsync(CampaignTestBed bed, string path, string unit, string progress)
    {
        var token = Uri.UnescapeDataString(path[TaskReportLinks.PathPrefix.Length..]);
        var (link, refusal) = bed.Services.GetRequiredService<CapabilityLinkSigner>().Verify(token, TaskReportLinks.Purpose);
        Assert.Null(refusal);
        var report = new TaskReport(link!.Subject, link.LinkId, unit, "刘报送", progress, false, bed.Clock.GetUtcNow(), link.Step);
        Assert.Null(await bed.Services.GetRequiredService<LinkRedemptionStore>()
            .TryRedeemAsync(link, report.At, JsonSerializer.Serialize(report), CancellationToken.None));
    }

    private static Task SweepAsync(CampaignTestBed bed) => bed.Services.GetServices<ScheduledWork>()
        .Single(s => s.FunctionName == KeptDecisionRedelivery.FunctionName).Resolve(bed.Services).RunAsync(CancellationToken.None);
}
