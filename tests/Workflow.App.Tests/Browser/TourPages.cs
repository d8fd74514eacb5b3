using System.Globalization;

namespace Workflow.App.Tests.Browser;

/// <summary>
/// One stop of the page tour: a page a person meets, where it is (from the tour's data; none for a page that is only
/// the answer to a form, which <see cref="PageTourData"/> reaches by sending the form), whether it needs the county
/// office's sign-in, and the HTTP statuses it may answer with. <see cref="Refusal"/> says whether the page is a link
/// refusal (<c>data-refusal</c>): a link page that refuses its link would be a tour of the wrong page.
/// </summary>
internal sealed record TourPage(string Name, Func<PageTourData, string>? Address, bool SignedIn, int[] Statuses, bool Refusal = false);

/// <summary>
/// Every page of the app that answers with HTML: what a visitor, an approver with a link, a villager with the QR code,
/// a unit with a report link and the county office (signed in) see. Add a page here when the app gets one.
/// </summary>
internal static class TourPages
{
    public const string DecisionSubmitted = "decision-submitted";
    public const string ObjectionFiled = "objection-filed";
    public const string RectificationSubmitted = "rectify-submitted";
    public const string ReportFiled = "report-filed";

    private static readonly int[] Ok = [200];

    public static readonly IReadOnlyList<TourPage> All =
    [
        // Anyone.
        Open("start", _ => "/"),
        Open("dev-signin", _ => "/dev/signin?returnUrl=%2Fconsole"),
        Open("inbox", d => "/inbox?recipient=" + Uri.EscapeDataString(d.AppraisalRecipient)),
        Open("not-found", _ => "/no-such-page", 404),

        // Approvers, villagers and units, through the links they were sent.
        Open("decide", d => d.AppraisalLink),
        Open("objection-review", d => d.ObjectionReviewLink),
        Answer(DecisionSubmitted),
        Open("notice", d => d.NoticeLink),
        Open("objection-form", d => d.ObjectionLink),
        Answer(ObjectionFiled),
        new("link-refused", _ => "/decide/not-a-link", SignedIn: false, [403], Refusal: true),
        Open("rectify-submit", d => d.SubmitLink),
        Answer(RectificationSubmitted),
        Open("rectify-verify", d => d.VerifyLink),
        Open("report", d => d.ReportLink),
        Answer(ReportFiled),
        Open("monitoring-check", d => d.MonitoringCheckLink),
        Open("fund-payment", d => d.PaymentLink),
        Open("fund-report", d => d.FundReportLink),
        Open("fund-public-notice", d => d.FundPublicNoticeLink),
        Open("fund-objection-form", d => d.FundPublicNoticeLink.Replace("/pay/notice/", "/pay/objection/", StringComparison.Ordinal)),
        Open("loan-notice", d => d.LoanNoticeLink),
        Open("loan-check", d => d.LoanCheckLink),
        Open("project-step", d => d.ProjectStepLink),
        Open("project-notice", d => d.ProjectNoticeLink),
        Open("project-objection-form", d => d.ProjectObjectionLink),

        // The county office.
        County("register", _ => "/register"),
        County("exits", d => $"/exits?county={d.CountyCode}"),
        County("exit-case", d => $"/exits/{d.ReviewedCaseId}"),
        County("entries", d => $"/exits/entries?county={d.CountyCode}"),
        // Issue 19 asks for a page that says the case is unknown (it answered 404 with an empty body).
        County("exit-case-unknown", _ => "/exits/no-such-case", 404),
        County("console-board", d => Invariant($"/console?county={d.CountyCode}&year={PageTourData.Year}")),
        // Issue 19 asks for a start page (200) where the board answered 404 in red; either shows the start form.
        County("console-no-campaign", d => Invariant($"/console?county={d.CountyCode}&year={PageTourData.YearWithoutCampaign}"), 200, 404),
        County("console-tasks", d => Invariant($"/console/tasks?county={d.CountyCode}&year={PageTourData.Year}")),
        County("console-ledger", d => Invariant($"/console/ledger?county={d.CountyCode}&year={PageTourData.Year}")),
        County("console-exits", d => $"/console/exits?county={d.CountyCode}"),
        County("console-indicators", d => $"/console/indicators?county={d.CountyCode}"),
        County("console-cadres", d => $"/console/cadres?county={d.CountyCode}"),
        County("console-changes", d => $"/console/changes?county={d.CountyCode}&month=202603"),
        County("console-loans", d => $"/console/loans?county={d.CountyCode}"),
        County("console-loan-notice", d => $"/console/loans/notice?county={d.CountyCode}&loan={d.LoanNumber}&days=30"),
        County("console-projects", d => $"/console/projects?county={d.CountyCode}"),
        County("console-monitoring", d => $"/console/monitoring?county={d.CountyCode}&month=202603"),
        County("console-funds", d => $"/console/funds?county={d.CountyCode}"),
        County("fund-allocation", d => $"/funds/{Uri.EscapeDataString(d.AllocationId)}"),
        County("fund-notice", d => $"/funds/notice/{d.CountyCode}/{d.FundTownshipCode}"),
        County("rectification", d => $"/rectifications/{d.OverdueItemId}"),
        County("supervision-notice", d => $"/rectifications/{d.OverdueItemId}/supervision-notice"),
        County("operations", _ => "/operations"),
    ];

    public static TourPage Named(string name) => All.Single(p => p.Name == name);

    private static TourPage Open(string name, Func<PageTourData, string> address, params int[] statuses) =>
        new(name, address, SignedIn: false, statuses.Length == 0 ? Ok : statuses);

    private static TourPage Answer(string name) => new(name, Address: null, SignedIn: false, Ok);

    private static TourPage County(string name, Func<PageTourData, string> address, params int[] statuses) =>
        new(name, address, SignedIn: true, statuses.Length == 0 ? Ok : statuses);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
