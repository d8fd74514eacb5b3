using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Workflow.App.Console;
using Workflow.App.Identity;
using Workflow.App.Links;
using Workflow.App.Pages;
using Workflow.App.Register;
using Workflow.Domain.Calendar;
using Workflow.Domain.Loans;
using Workflow.Domain.Register;

namespace Workflow.App.Loans.Web;

/// <summary>
/// The county office's loan endpoints, all signed in: the ledger import as API (JSON report) and as the console's form
/// (the same report on the page), the console's lists and their CSV, and the printable notice; and that notice as its
/// recipients open it by their signed link, without sign-in.
/// </summary>
internal static class LoanEndpoints
{
    public static void MapLoanEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/counties/{county}/loans/import", async (
            string county, HttpRequest request, ClaimsPrincipal user, CountyDirectory directory, LoanImporter importer, CancellationToken ct) =>
        {
            try
            {
                var places = await directory.FindPlacesAsync(county, ct) ?? throw NoCounty(county);
                var upload = await LoanUpload.ReadAsync(request, ct);
                return Results.Json(await importer.ImportAsync(places, upload.FileName, upload.Content, user.Identity?.Name ?? "unknown", ct));
            }
            catch (LoanRequestException e)
            {
                return Results.Json(new { error = e.Message }, statusCode: e.StatusCode);
            }
        }).RequireAuthorization(CountyRoles.CountyPolicy).WithMetadata(new RequestSizeLimitAttribute(LoanUpload.MaxRequestBytes)).WithTags("扶贫小额信贷")
            .WithSummary("导入承贷银行的贷款台账（CSV 或 XLSX）：有误的行按行号和列报告，其余导入；新贷款启动到期前 60 天和 30 天（书面）通知");

        var console = app.MapGroup("/console/loans").RequireAuthorization(CountyRoles.CountyPolicy);
        console.MapGet("/", (string? county, HttpRequest request, CountyDirectory directory, LoanStore loans, TimeProvider time, CancellationToken ct) =>
            ShowAsync(county, request, directory, loans, time, null, null, ct));
        console.MapPost("/", async (string? county, HttpRequest request, ClaimsPrincipal user, CountyDirectory directory, LoanStore loans, LoanImporter importer, TimeProvider time,
            CancellationToken ct) =>
        {
            var places = CountyDirectory.IsCountyCode(county) ? await directory.FindPlacesAsync(county, ct) : null;
            if (places is null)
            {
                return await ShowAsync(county, request, directory, loans, time, null, null, ct);
            }

            try
            {
                var upload = await LoanUpload.ReadAsync(request, ct);
                return await ShowAsync(county, request, directory, loans, time, await importer.ImportAsync(places, upload.FileName, upload.Content, user.Identity?.Name ?? "unknown", ct), null, ct);
            }
            catch (LoanRequestException e)
            {
                return await ShowAsync(county, request, directory, loans, time, null, e, ct);
            }
        }).WithMetadata(new RequestSizeLimitAttribute(LoanUpload.MaxRequestBytes));
        console.MapGet("/notice", ShowNoticeAsync);
        app.MapGet(LoanNoticeLinks.PathPrefix + "{token}", ShowLinkedNoticeAsync);
    }

    /// <summary>
    /// The notice as its recipients open it from their message, without sign-in. A notice whose due date the bank has
    /// since moved (展期) says so rather than show a date that no longer holds.
    /// </summary>
    private static async Task<IResult> ShowLinkedNoticeAsync(string token, CapabilityLinkSigner signer, LoanStore loans, CancellationToken ct)
    {
        var (link, refusal) = signer.Verify(token, LoanNoticeLinks.Purpose);
        if (link is null || refusal is not null || LoanNoticeLinks.Read(link) is not { } notice)
        {
            return LinkRefusalPage.For(refusal ?? LinkRefusal.Invalid);
        }

        var record = await loans.GetAsync(notice.CountyCode, notice.LoanNumber, ct);
        var rule = LoanRules.Default.NoticeAt(notice.DaysBeforeDue);
        if (record is null || rule is null)
        {
            return LinkRefusalPage.For(LinkRefusal.Invalid);
        }

        if (record.Loan.DueDate != notice.DueDate)
        {
            return PageResults.Message("到期日期已变更", $"该贷款的到期日期已由 {Shown.Date(notice.DueDate)} 变更为 {Shown.Date(record.Loan.DueDate)}，本通知已作废；按新到期日期的通知将另行发送。",
                StatusCodes.Status410Gone, attributes: new Dictionary<string, object> { ["data-notice"] = "superseded" });
        }

        return PageResults.Page<LoanNoticePage>(new Dictionary<string, object?> { [nameof(LoanNoticePage.Record)] = record, [nameof(LoanNoticePage.Notice)] = rule });
    }

    private static async Task<IResult> ShowAsync(string? county, HttpRequest request, CountyDirectory directory, LoanStore loans, TimeProvider time,
        LoanImportReport? report, LoanRequestException? error, CancellationToken ct)
    {
        var (places, refusal) = await ConsoleRequest.FindCountyAsync(county, directory, ct);
        if (places is null)
        {
            return refusal!;
        }

        var list = LoanWatchList.Of(await loans.ListAsync(places.Code, ct), ShanghaiTime.DateOf(time.GetUtcNow()), LoanRules.Default);
        if (report is null && error is null && ConsoleRequest.WantsCsv(request))
        {
            return Csv(places, list);
        }

        return PageResults.Page<LoanConsolePage>(new Dictionary<string, object?>
        {
            [nameof(LoanConsolePage.Places)] = places,
            [nameof(LoanConsolePage.List)] = list,
            [nameof(LoanConsolePage.Rules)] = LoanRules.Default,
            [nameof(LoanConsolePage.CsvHref)] = $"/console/loans?county={Uri.EscapeDataString(places.Code)}&format=csv",
            [nameof(LoanConsolePage.Report)] = report,
            [nameof(LoanConsolePage.Error)] = error?.Message,
        }, error?.StatusCode ?? StatusCodes.Status200OK);
    }

    private static async Task<IResult> ShowNoticeAsync(string? county, string? loan, int? days, CountyDirectory directory, LoanStore loans, CancellationToken ct)
    {
        var (places, refusal) = await ConsoleRequest.FindCountyAsync(county, directory, ct);
        if (places is null)
        {
            return refusal!;
        }

        var record = string.IsNullOrWhiteSpace(loan) || loan.Length > LoanRowValidator.MaxLoanNumberLength || loan.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            ? null
            : await loans.GetAsync(places.Code, loan, ct);
        var rule = LoanRules.Default.NoticeAt(days ?? LoanRules.Default.WrittenNotice.DaysBeforeDue);
        if (record is null || rule is null)
        {
            return PageResults.Message("未找到该贷款", record is null ? "本县贷款台账中没有该贷款编号。" : "通知只有到期前 60 天和 30 天两种。", StatusCodes.Status404NotFound,
                onward: new PageLink($"/console/loans?county={Uri.EscapeDataString(places.Code)}", "扶贫小额信贷"));
        }

        return PageResults.Page<LoanNoticePage>(new Dictionary<string, object?> { [nameof(LoanNoticePage.Record)] = record, [nameof(LoanNoticePage.Notice)] = rule });
    }

    private static CsvDownload Csv(County places, LoanWatchList list)
    {
        string[] header = ["清单", "乡镇", "行政村", "贷款编号", "户编号", "借款人", "贷款金额（元）", "放款日期", "到期日期", "状态", "承贷银行", "帮扶责任人", "已发通知", "标注"];
        var rows = list.Overdue.Select(l => ("逾期", l)).Concat(list.DueSoon.Select(l => ("60天内到期", l))).Concat(list.Flagged.Select(l => ("超过额度或期限", l)))
            .Select(x => (IReadOnlyList<string?>)
            [
                x.Item1, x.l.Record.Township, x.l.Record.Village, x.l.Record.Loan.LoanNumber, x.l.Record.Loan.HouseholdNumber, x.l.Record.Loan.Borrower,
                LoanNotices.Yuan(x.l.Record.Loan.Amount), Shown.Date(x.l.Record.Loan.StartDate), Shown.Date(x.l.Record.Loan.DueDate), x.l.State, x.l.Record.Loan.Bank,
                x.l.Record.ResponsibleCadre, x.l.NoticesSent, string.Join("；", x.l.Flags),
            ]);
        return new CsvDownload($"{places.Name}扶贫小额信贷{Shown.Date(list.Today)}.csv", header, rows);
    }

    private static LoanRequestException NoCounty(string county) => new(StatusCodes.Status404NotFound, $"没有代码为「{county}」的县（市、区）名册。");
}
