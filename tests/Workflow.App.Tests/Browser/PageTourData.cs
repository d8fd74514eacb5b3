using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workflow.App.Campaigns;
using Workflow.App.Exits;
using Workflow.App.Funds;
using Workflow.App.Loans;
using Workflow.App.Loans.Usage;
using Workflow.App.Monitoring;
using Workflow.App.Tests.Exits;
using Workflow.App.Tests.Rectification;
using Workflow.Domain.Exits;
using Workflow.Domain.Funds;
using Workflow.Domain.Loans;
using Workflow.Domain.Plans;
using Workflow.Domain.Rectification;
using Workflow.Testing.Browser;
using Xunit;

namespace Workflow.App.Tests.Browser;

/// <summary>
/// One app, one chromium and all the data the page tour needs, made once for every stop: the small test county on the
/// register (<see cref="ExitTestBed"/>), exit cases at each kind of step, a campaign with its phase open, the ledger
/// with an overdue item (督办单) and a submitted one. Everything is done the way people do it: the office through
/// its API and forms, approvers, units and villagers through the links their inbox received. Pages that exist only as
/// the answer to a form (the decision, objection, rectification and report confirmations) are reached here too, once per
/// screen, so that every change to the data is made before the first stop is looked at and no stop depends on the order
/// the stops run in.
/// </summary>
public sealed class PageTourData : IAsyncLifetime
{
    /// <summary>The demo user the county pages are opened as: the head of the office may open every county page (运维 included).</summary>
    public const string CountyAdmin = "县扶贫办 李主任|CountyAdmin";

    public const int Year = 2026;

    /// <summary>A year without a campaign: its board is the start page.</summary>
    public const int YearWithoutCampaign = 2025;

    /// <summary>洮南's 2018 plan, copied to this county and year as the board's start form does; it fits the shipped holiday calendar.</summary>
    private const string TemplateCounty = "220881";
    private const int TemplateYear = 2018;
    private const string FirstPhase = "HundredDayCampaign";

    /// <summary>The group (12类群体之一) the office puts the tour's monitored household in.</summary>
    private static readonly string[] Elderly = ["老人户"];

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly Dictionary<(string Page, string Viewport), (WatchedPage Page, IResponse Response)> _answered = [];
    private readonly List<WatchedPage> _opened = [];
    private ExitTestBed? _bed;
    private ChromiumBrowser? _chromium;

    internal ExitTestBed Bed => _bed ?? throw new InvalidOperationException("The tour's app has not started.");

    public IBrowser Browser => (_chromium ?? throw new InvalidOperationException("The tour's chromium has not started.")).Browser;

    public Uri BaseAddress => Bed.Anonymous.BaseAddress!;

    public string CountyCode => Bed.CountyCode;

    /// <summary>A case waiting at 民主评议 (its decision link) and the village committee that was sent it.</summary>
    public string AppraisalLink { get; private set; } = string.Empty;

    public string AppraisalRecipient { get; private set; } = string.Empty;

    /// <summary>A case in 公示: the notice link the village committee got and the objection form its QR code opens.</summary>
    public string NoticeLink { get; private set; } = string.Empty;

    public string ObjectionLink => ObjectionLinkOf(NoticeLink);

    /// <summary>A case with an objection filed: the township's 异议复核 link, and the case whose page shows it all.</summary>
    public string ObjectionReviewLink { get; private set; } = string.Empty;

    public string ReviewedCaseId { get; private set; } = string.Empty;

    /// <summary>An item past its deadline (督办单 issued) and the unit's newest submit link for it.</summary>
    public string OverdueItemId { get; private set; } = string.Empty;

    public string SubmitLink { get; private set; } = string.Empty;

    /// <summary>An item the unit submitted with evidence: the county verifier's link.</summary>
    public string VerifyLink { get; private set; } = string.Empty;

    /// <summary>A lead unit's report link for the first task of the open phase.</summary>
    public string ReportLink { get; private set; } = string.Empty;

    /// <summary>A household the office put in a monitoring group, and the check link its 帮扶责任人 got for March's round.</summary>
    public string MonitoringCheckLink { get; private set; } = string.Empty;

    /// <summary>An allocation to the first township: its page, its township's 资金公告公示 and the county finance bureau's payment link.</summary>
    public string AllocationId { get; private set; } = string.Empty;

    public string FundTownshipCode { get; private set; } = string.Empty;

    public string PaymentLink { get; private set; } = string.Empty;

    public string FundReportLink { get; private set; } = string.Empty;

    /// <summary>The township's 资金公告公示 as its QR code opens it, without sign-in.</summary>
    public string FundPublicNoticeLink { get; private set; } = string.Empty;

    /// <summary>A loan of the first township: its written notice as the bank opens it, and the township's usage-check link.</summary>
    public string LoanNumber { get; } = "DK2026001";

    public string LoanNoticeLink { get; private set; } = string.Empty;

    public string LoanCheckLink { get; private set; } = string.Empty;

    /// <summary>A project at its proposal (the village committee's step link), and one in 村级申报公示 (its printable notice link).</summary>
    public string ProjectStepLink { get; private set; } = string.Empty;

    public string ProjectNoticeLink { get; private set; } = string.Empty;

    /// <summary>The objection form the project notice's QR code opens: the notice link's token under /project-objection/.</summary>
    public string ProjectObjectionLink => "/project-objection/" + ProjectNoticeLink[(ProjectNoticeLink.LastIndexOf('/') + 1)..];

    public Uri Absolute(string pathAndQuery) => new(BaseAddress, pathAndQuery);

    /// <summary>The page a form answered with on that screen, reached while the data was made; null for a page the tour opens itself.</summary>
    public (WatchedPage Page, IResponse Response)? Answered(string page, string viewport) =>
        _answered.TryGetValue((page, viewport), out var answered) ? answered : null;

    public async Task InitializeAsync()
    {
        _chromium = await ChromiumBrowser.LaunchAsync();
        _bed = await ExitTestBed.StartAsync();

        // The findings first: one is due today and must be overdue, so the clock moves a day on; nothing else minds
        // starting a day later, and nothing else has started that the move could make late.
        var ledger = new LedgerClient(() => Bed.County, () => Bed.Anonymous, CountyCode, Year);
        var overdue = await ledger.EnterAsync(LedgerTestBed.Finding(description: "部分贫困户危房改造未验收", deadline: "2026-03-02"));
        var funds = await ledger.EnterAsync(LedgerTestBed.Finding(description: "扶贫资金滞留未拨付", unit: "县财政局", township: null, deadline: "2026-03-31", source: "审计"));
        Bed.Advance(TimeSpan.FromDays(1));
        await Task.WhenAll(PrepareLedgerAsync(ledger, overdue, funds), PrepareExitsAsync(), PrepareCampaignAsync(), PrepareMonitoringAsync(), PrepareFundsAsync(), PrepareProjectsAsync());
    }

    private async Task PrepareLedgerAsync(LedgerClient ledger, RectificationItem overdue, RectificationItem funds)
    {
        await ledger.WaitForAsync(overdue.ItemId, d => d.Item.Stage == OverdueStage.Supervised, "督办单");
        OverdueItemId = overdue.ItemId;
        // The 督办单 sends the unit a second submit link: the newest is the one it would use.
        SubmitLink = await ledger.SubmitLinkAsync(overdue, count: 2);

        var submitted = await ledger.SubmitAsync(await ledger.SubmitLinkAsync(funds), comment: "资金已全部拨付到项目，附拨付凭证");
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        VerifyLink = await ledger.VerifyLinkAsync(funds);

        // A unit submits from each screen, with a photo: the page that confirms it.
        foreach (var viewport in Viewport.All)
        {
            var item = await ledger.EnterAsync(LedgerTestBed.Finding(description: $"饮水安全检测报告缺失（{viewport.Name}）", unit: "县水务局", township: "金山镇", deadline: "2026-03-31"));
            await AnswerAsync(TourPages.RectificationSubmitted, viewport, await ledger.SubmitLinkAsync(item), async page =>
            {
                await page.GetByLabel("整改情况说明（必填）").FillAsync("已补做水质检测，附检测报告照片。");
                await page.GetByLabel("佐证材料（必附，JPEG/PNG/PDF，可多选）").SetInputFilesAsync(new FilePayload { Name = "检测报告.jpg", MimeType = "image/jpeg", Buffer = LedgerTestBed.Jpeg });
                await page.GetByLabel("办理人姓名").FillAsync("赵科长");
                await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "提交整改" }).ClickAsync();
            });
            await ledger.WaitForStatusAsync(item.ItemId, RectificationStatus.Submitted);
        }
    }

    private async Task PrepareCampaignAsync()
    {
        var start = await Bed.County.PostAsync("/console/campaigns", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["county"] = CountyCode, ["template"] = $"{TemplateCounty}-{TemplateYear}", ["year"] = Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        Assert.True(start.StatusCode == HttpStatusCode.Redirect, $"Starting the campaign from the board answered {start.StatusCode}: {await start.Content.ReadAsStringAsync()}");
        await WaitForPhaseAsync(PhaseState.AwaitingStart);

        // The office starts 百日会战 early (it is due on 20 March): its tasks open and the lead units get their report links.
        var early = await Bed.County.PostAsJsonAsync($"/api/counties/{CountyCode}/campaigns/{Year}/start", new { phase = FirstPhase }, ExitTestBed.Json);
        Assert.Equal(HttpStatusCode.Accepted, early.StatusCode);
        await WaitForPhaseAsync(PhaseState.Open);

        ReportLink = await ReportLinkAsync(0);

        // Tasks 4 and 5 (扶贫办, due 30 June) are reported on, one from each screen: the page that confirms it.
        for (var i = 0; i < Viewport.All.Count; i++)
        {
            var task = 4 + i;
            await AnswerAsync(TourPages.ReportFiled, Viewport.All[i], await ReportLinkAsync(task), async page =>
            {
                await page.GetByLabel("报送人姓名").FillAsync("刘报送");
                await page.GetByLabel("工作进展").FillAsync("已完成入户核查80%。");
                await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "提交报送" }).ClickAsync();
            });
            var taskId = CampaignKeys.TaskId(CountyCode, Year, task);
            await EventuallyAsync(async () =>
            {
                var status = await Bed.County.GetFromJsonAsync<CampaignStatus>($"/api/counties/{CountyCode}/campaigns/{Year}", ExitTestBed.Json);
                return status!.Tasks.Single(t => t.Task.TaskId == taskId).Reports.Count > 0 ? status : null;
            }, $"the report on {taskId}");
        }
    }

    /// <summary>The report link the first lead unit of the plan's task (by its index) received when the phase opened.</summary>
    private Task<string> ReportLinkAsync(int taskIndex)
    {
        var unit = PlanTemplates.For(TemplateCounty, TemplateYear).Tasks[taskIndex].LeadUnits[0];
        var taskId = CampaignKeys.TaskId(CountyCode, Year, taskIndex);
        return EventuallyAsync(
            async () => (await Bed.InboxLinksAsync(CampaignRecipients.LeadUnit(CountyCode, unit), TaskReportLinks.PathPrefix))
                .FirstOrDefault(l => ExitTestBed.PayloadOf(Uri.UnescapeDataString(l))?.Subject == taskId),
            $"a report link for {taskId} in {unit}'s inbox");
    }

    private Task<CampaignStatus> WaitForPhaseAsync(PhaseState state) => EventuallyAsync(async () =>
    {
        var response = await Bed.County.GetAsync($"/api/counties/{CountyCode}/campaigns/{Year}");
        var status = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<CampaignStatus>(ExitTestBed.Json) : null;
        // Only once the orchestration reports it (its version known) may a command follow.
        return status is { Current: { Key: FirstPhase } current, Version.Length: > 0 } && current.State == state ? status : null;
    }, $"{FirstPhase} {state}");

    private async Task PrepareExitsAsync()
    {
        var atAppraisal = await Bed.StartCaseAsync(0);
        var forDecisions = new[] { await Bed.StartCaseAsync(1), await Bed.StartCaseAsync(2) };
        var inNotice = await Bed.StartCaseAsync(3);
        var objected = await Bed.StartCaseAsync(4);
        var forObjections = new[] { await Bed.StartCaseAsync(5), await Bed.StartCaseAsync(6) };

        AppraisalRecipient = ExitTestBed.Recipient("VillageCommittee", atAppraisal);
        AppraisalLink = await Bed.WaitForLinkAsync(atAppraisal.CaseId, ExitProcedure.Appraisal, AppraisalRecipient);
        var notices = await Task.WhenAll(new[] { inNotice, objected }.Concat(forObjections).Select(DriveToNoticeAsync));
        NoticeLink = notices[0];

        // A villager objects through the notice's QR code: the township gets its 异议复核 link.
        using var objection = await Bed.Anonymous.PostAsync(ObjectionLinkOf(notices[1]), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["contact"] = "13800000000", ["reason"] = "该户家中仍有适龄儿童失学，收入未达标。",
        }));
        Assert.Equal(HttpStatusCode.OK, objection.StatusCode);
        ReviewedCaseId = objected.CaseId;
        ObjectionReviewLink = await Bed.WaitForLinkAsync(objected.CaseId, ExitProcedure.ObjectionReviewKey(1), ExitTestBed.Recipient("TownshipApprover", objected));

        for (var i = 0; i < Viewport.All.Count; i++)
        {
            var viewport = Viewport.All[i];
            var decision = forDecisions[i];
            await AnswerAsync(TourPages.DecisionSubmitted, viewport,
                await Bed.WaitForLinkAsync(decision.CaseId, ExitProcedure.Appraisal, ExitTestBed.Recipient("VillageCommittee", decision)),
                async page =>
                {
                    await page.GetByRole(AriaRole.Radio, new PageGetByRoleOptions { Name = "同意", Exact = true }).CheckAsync();
                    await page.GetByLabel("办理人姓名").FillAsync("李主任");
                    await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "提交审核结论" }).ClickAsync();
                });
            await AnswerAsync(TourPages.ObjectionFiled, viewport, ObjectionLinkOf(notices[2 + i]), async page =>
            {
                await page.GetByLabel("联系方式（电话或住址）").FillAsync("13900000000");
                await page.GetByLabel("异议内容").FillAsync("该户子女务工收入不稳定。");
                await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "提交异议" }).ClickAsync();
            });

            // Settled before any stop is looked at: the lists then show these cases where they will stay.
            await Bed.WaitForStepAsync(decision.CaseId, ExitProcedure.Verification);
            await Bed.WaitForStepAsync(forObjections[i].CaseId, ExitProcedure.ObjectionReviewKey(1));
        }
    }

    /// <summary>The office puts a household no exit case uses in a group and starts March's round: its cadre gets a check link.</summary>
    private async Task PrepareMonitoringAsync()
    {
        var household = Bed.Households[^1];
        var api = $"/api/counties/{CountyCode}/monitoring";
        using var grouped = await Bed.County.PutAsJsonAsync($"{api}/{household.Household.Number}", new { groups = Elderly }, ExitTestBed.Json);
        Assert.True(grouped.IsSuccessStatusCode, $"Putting {household.Household.Number} in a group answered {grouped.StatusCode}: {await grouped.Content.ReadAsStringAsync()}");
        using var round = await Bed.County.PostAsJsonAsync($"{api}/rounds", new { month = "2026-03" }, ExitTestBed.Json);
        Assert.True(round.IsSuccessStatusCode, $"Starting March's round answered {round.StatusCode}: {await round.Content.ReadAsStringAsync()}");
        var cadre = MonitoringRecipients.Cadre(household.TownshipCode, household.Household.ResponsibleCadre);
        MonitoringCheckLink = await EventuallyAsync(
            async () => (await Bed.InboxLinksAsync(cadre, MonitoringCheckLinks.PathPrefix)).FirstOrDefault(), $"a check link in {cadre}'s inbox");
    }

    /// <summary>The office allocates funds to the first township: the county finance bureau gets its payment link, the township its monthly report link.</summary>
    private async Task PrepareFundsAsync()
    {
        var places = await Bed.Services.GetRequiredService<Workflow.App.Register.CountyDirectory>().FindPlacesAsync(CountyCode, CancellationToken.None);
        var township = places!.Townships[0];
        using var allocated = await Bed.County.PostAsJsonAsync($"/api/counties/{CountyCode}/funds/allocations",
            new FundAllocationForm(township.Name, "中央财政专项扶贫资金", 100_000m, "县财字〔2026〕12号", "2026-03-02"), ExitTestBed.Json);
        Assert.True(allocated.StatusCode == HttpStatusCode.Created, $"Allocating answered {allocated.StatusCode}: {await allocated.Content.ReadAsStringAsync()}");
        var allocation = (await allocated.Content.ReadFromJsonAsync<FundAllocation>(ExitTestBed.Json))!;
        (AllocationId, FundTownshipCode) = (allocation.AllocationId, allocation.TownshipCode);
        var payer = FundRecipients.Payer(allocation, DisbursementStage.CountyToFinanceOffice);
        PaymentLink = await EventuallyAsync(
            async () => (await Bed.InboxLinksAsync(payer, "/pay/record/")).FirstOrDefault(l => ExitTestBed.PayloadOf(l)?.Subject == allocation.AllocationId),
            $"a payment link in {payer}'s inbox");
        var today = Workflow.Domain.Calendar.ShanghaiTime.DateOf(Bed.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        FundReportLink = Bed.Services.GetRequiredService<Workflow.App.Funds.Reports.FundReportLinks>()
            .Issue(CountyCode, FundTownshipCode, Workflow.App.Funds.Reports.FundReportMonth.On(today)).PathAndQuery;
        var printable = await Bed.County.GetStringAsync($"/funds/notice/{CountyCode}/{FundTownshipCode}");
        FundPublicNoticeLink = new Uri(System.Text.RegularExpressions.Regex.Match(printable, @"https?://[^<""\s]+/pay/notice/[^<""\s]+").Value).PathAndQuery;

        var village = township.Villages[0];
        var loan = new LoanRecord(CountyCode, new SmallLoan(LoanNumber, "532331000000001", "张三", 30_000m, new DateOnly(2025, 3, 2), new DateOnly(2026, 5, 1), "禄丰县农村信用合作联社"),
            township.Code, township.Name, village.Code, village.Name, "李帮扶", Bed.Services.GetRequiredService<TimeProvider>().GetUtcNow(), []);
        await Bed.Services.GetRequiredService<LoanStore>().SaveAsync(loan, CancellationToken.None);
        LoanNoticeLink = Bed.Services.GetRequiredService<LoanNoticeLinks>().Issue(loan, 30, LoanRecipients.Bank(loan)).PathAndQuery;
        LoanCheckLink = Bed.Services.GetRequiredService<LoanUsageLinks>().Issue(CountyCode, township.Code, LoanUsageRound.Month(today)).PathAndQuery;
    }

    /// <summary>
    /// The office enters two village proposals; one waits at 村级申报 (its link is a tour stop), the other is proposed and
    /// approved through its links until its 村级申报公示 is posted.
    /// </summary>
    private async Task PrepareProjectsAsync()
    {
        var places = await Bed.Services.GetRequiredService<Workflow.App.Register.CountyDirectory>().FindPlacesAsync(CountyCode, CancellationToken.None);
        var township = places!.Townships[0];
        async Task<Workflow.App.Projects.PovertyProject> ProposeAsync(string name)
        {
            using var created = await Bed.County.PostAsJsonAsync($"/api/counties/{CountyCode}/projects",
                new Workflow.App.Projects.ProjectForm(township.Name, township.Villages[0].Name, name, 600_000m), ExitTestBed.Json);
            Assert.True(created.StatusCode == HttpStatusCode.Created, $"Proposing answered {created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
            return (await created.Content.ReadFromJsonAsync<Workflow.App.Projects.ProjectRecord>(ExitTestBed.Json))!.Project;
        }

        Task<string> LinkAsync(Workflow.App.Projects.PovertyProject project, string step, string path, string key)
        {
            var holder = Workflow.App.Projects.ProjectRecipients.Decider(project, Workflow.Domain.Projects.ProjectProcedure.Default.Step(step)!);
            return EventuallyAsync(async () => (await Bed.InboxLinksAsync(holder, path)).FirstOrDefault(l => ExitTestBed.PayloadOf(l) is { } p && p.Subject == project.ProjectId && p.Step == key),
                $"a {key} link in {holder}'s inbox");
        }

        var waiting = await ProposeAsync("村级光伏扶贫电站");
        ProjectStepLink = await LinkAsync(waiting, "proposal", "/project/step/", "proposal.0");

        var posted = await ProposeAsync("食用菌种植大棚");
        foreach (var (step, key, outcome) in new[] { ("proposal", "proposal.0", "done"), ("village-review", "village-review.1", "approve") })
        {
            using var form = new MultipartFormDataContent { { new StringContent(outcome), "outcome" }, { new StringContent("王主任"), "name" } };
            using var decided = await Bed.Anonymous.PostAsync(await LinkAsync(posted, step, "/project/step/", key), form);
            Assert.True(decided.StatusCode == HttpStatusCode.OK, $"Deciding {key} answered {decided.StatusCode}: {await decided.Content.ReadAsStringAsync()}");
        }

        ProjectNoticeLink = await LinkAsync(posted, "village-notice", "/project-notice/", "village-notice.2");
    }

    /// <summary>Approves the three steps before 公示 through the links their deciders got; returns the notice link the village committee received.</summary>
    private async Task<string> DriveToNoticeAsync(ExitCase exitCase)
    {
        foreach (var (step, role) in new[] { (ExitProcedure.Appraisal, "VillageCommittee"), (ExitProcedure.Verification, "WorkTeam"), (ExitProcedure.Consent, "Household") })
        {
            var link = await Bed.WaitForLinkAsync(exitCase.CaseId, step, ExitTestBed.Recipient(role, exitCase));
            using var decided = await Bed.DecideAsync(link, approve: true, comment: "核实无误");
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        }

        await Bed.WaitForStepAsync(exitCase.CaseId, ExitProcedure.Notice);
        return await Bed.WaitForLinkAsync(exitCase.CaseId, ExitProcedure.Notice, ExitTestBed.Recipient("VillageCommittee", exitCase), path: "/notices/");
    }

    /// <summary>Opens the link on a fresh page at the viewport, fills and sends its form, and keeps the page that answered.</summary>
    private async Task AnswerAsync(string page, Viewport viewport, string link, Func<IPage, Task> fillAndSend)
    {
        var watched = await WatchedPage.OpenAsync(Browser, viewport);
        // The exits and the campaign are prepared side by side: both keep pages here.
        lock (_opened)
        {
            _opened.Add(watched);
        }

        await watched.GoAsync(Absolute(link));
        var response = await watched.SubmitAsync(() => fillAndSend(watched.Page));
        lock (_opened)
        {
            _answered[(page, viewport.Name)] = (watched, response);
        }
    }

    private static string ObjectionLinkOf(string noticeLink) => noticeLink.Replace("/notices/", "/objections/", StringComparison.Ordinal);

    /// <summary>Asks until the answer is there (the engine and the outbox run on their own), failing with what was awaited.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The tour's data did not get: {what}.");
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var page in _opened)
        {
            await page.DisposeAsync();
        }

        if (_bed is not null)
        {
            await _bed.DisposeAsync();
        }

        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }
    }
}
