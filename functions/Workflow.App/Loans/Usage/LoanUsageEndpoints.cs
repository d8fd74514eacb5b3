using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.App.Links;
using Workflow.App.Pages;
using Workflow.Domain.Calendar;

namespace Workflow.App.Loans.Usage;

/// <summary>
/// The usage-check link a township opens: its loans running that month, each with 用于产业发展 yes/no and a note, and
/// who checked. Every loan must be answered; the link is spent on the first complete submission. The link is the
/// township's only credential.
/// </summary>
internal static class LoanUsageEndpoints
{
    public const int MaxNoteLength = 200;
    public const int MaxNameLength = 20;

    public static void MapLoanUsage(this IEndpointRouteBuilder app)
    {
        app.MapGet(LoanUsageLinks.PathPrefix + "{token}", async (string token, CapabilityLinkSigner signer, LinkRedemptionStore redemptions, LoanStore loans,
            TimeProvider time, CancellationToken ct) =>
        {
            var (link, refusal) = await OpenAsync(token, signer, redemptions, ct);
            return refusal is not null ? LinkRefusalPage.For(refusal.Value) : Form(token, link!, await LoansOfAsync(link!, loans, time, ct), null, null, StatusCodes.Status200OK);
        });

        app.MapPost(LoanUsageLinks.PathPrefix + "{token}", async (string token, HttpRequest request, CapabilityLinkSigner signer, LinkRedemptionStore redemptions,
            LoanStore loans, LoanUsageStore checks, TimeProvider time, CancellationToken ct) =>
        {
            var (link, refusal) = await OpenAsync(token, signer, redemptions, ct);
            if (refusal is not null)
            {
                return LinkRefusalPage.For(refusal.Value);
            }

            var records = await LoansOfAsync(link!, loans, time, ct);
            var form = await request.ReadFormAsync(ct);
            var name = form["name"].ToString().Trim();
            var answers = records.Select(r => (Record: r, Used: form[$"used-{r.Loan.LoanNumber}"].ToString(), Note: form[$"note-{r.Loan.LoanNumber}"].ToString().Trim())).ToList();
            var unanswered = answers.Where(a => a.Used is not ("yes" or "no")).Select(a => a.Record.Loan.LoanNumber).ToList();
            var problem = name.Length is 0 or > MaxNameLength ? $"请填写检查人姓名（不超过 {MaxNameLength} 字）。"
                : unanswered.Count > 0 ? $"请逐笔选择是否用于产业发展，尚未选择：{string.Join("、", unanswered)}。"
                : answers.FirstOrDefault(a => a.Note.Length > MaxNoteLength).Record is { } longNote ? $"贷款 {longNote.Loan.LoanNumber} 的说明超过 {MaxNoteLength} 字。"
                : answers.FirstOrDefault(a => a.Used == "no" && a.Note.Length == 0).Record is { } unexplained ? $"贷款 {unexplained.Loan.LoanNumber} 未用于产业发展，请填写说明。"
                : null;
            if (problem is not null)
            {
                return Form(token, link!, records, problem, form.ToDictionary(f => f.Key, f => f.Value.ToString()), StatusCodes.Status400BadRequest);
            }

            // The answers are saved before the link is spent: a crash between the two leaves the link usable and the
            // answers kept (saving again replaces the same rows, one per loan and month), where the other order would
            // lose the month's check behind a spent link.
            var now = time.GetUtcNow();
            var (county, township) = LoanUsageLinks.PlaceOf(link!)!.Value;
            await checks.SaveAsync([.. answers.Select(a => new LoanUsageCheck(county, township, link!.Step, a.Record.Loan.LoanNumber, a.Used == "yes", a.Note, name, now))], ct);
            if (await redemptions.TryRedeemAsync(link!, now, ct) is { } lost)
            {
                return LinkRefusalPage.For(lost);
            }

            return PageResults.Message("已登记", $"{link!.Step} 贷款使用情况已登记：{answers.Count(a => a.Used == "yes")} 笔用于产业发展，{answers.Count(a => a.Used == "no")} 笔未用于产业发展。",
                ok: true, note: "本链接已失效；下月将另行发送检查链接。", attributes: new Dictionary<string, object> { ["data-checked"] = answers.Count });
        });
    }

    private static async Task<(CapabilityLink? Link, LinkRefusal? Refusal)> OpenAsync(string token, CapabilityLinkSigner signer, LinkRedemptionStore redemptions,
        CancellationToken ct)
    {
        var (link, refusal) = signer.Verify(token, LoanUsageLinks.Purpose);
        if (link is null || LoanUsageLinks.PlaceOf(link) is null)
        {
            return (null, refusal ?? LinkRefusal.Invalid);
        }

        return (link, await redemptions.CheckOpenAsync(link, ct));
    }

    /// <summary>The township's loans running in the link's month (on its last day, or today when that is sooner).</summary>
    private static async Task<IReadOnlyList<LoanRecord>> LoansOfAsync(CapabilityLink link, LoanStore loans, TimeProvider time, CancellationToken ct)
    {
        var (county, township) = LoanUsageLinks.PlaceOf(link)!.Value;
        var today = ShanghaiTime.DateOf(time.GetUtcNow());
        var monthStart = DateOnly.ParseExact(link.Step + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var on = LoanUsageRound.Month(today) == link.Step ? today : monthStart.AddMonths(1).AddDays(-1);
        return LoanUsageRound.Running((await loans.ListAsync(county, ct)).Where(r => r.TownshipCode == township), on);
    }

    private static RazorComponentResult<LoanUsagePage> Form(string token, CapabilityLink link, IReadOnlyList<LoanRecord> records, string? problem,
        IReadOnlyDictionary<string, string>? entered, int status) =>
        PageResults.Page<LoanUsagePage>(new Dictionary<string, object?>
        {
            [nameof(LoanUsagePage.Token)] = token,
            [nameof(LoanUsagePage.Month)] = link.Step,
            [nameof(LoanUsagePage.Loans)] = records,
            [nameof(LoanUsagePage.Problem)] = problem,
            [nameof(LoanUsagePage.Entered)] = entered ?? new Dictionary<string, string>(),
        }, status);
}
