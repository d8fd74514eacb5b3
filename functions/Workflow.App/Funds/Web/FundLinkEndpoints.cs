using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Domain.Calendar;
using Workflow.Domain.Funds;
using Workflow.App.Evidence;
using Workflow.App.Links;
using Workflow.App.Pages;
using Workflow.App.Register;

namespace Workflow.App.Funds.Web;

/// <summary>
/// The links of an allocation's notifications, for phones without sign-in: a payer's (/pay/record/…) to record a payment
/// with its voucher, the 经管站's (/pay/request/…) to enter a village's approved payment request. The link is the only
/// credential. A form with any problem is refused with the problem in zh-CN and nothing is changed: the voucher is
/// stored only when everything else is right, and the link is spent only when the voucher is stored.
/// </summary>
internal static class FundLinkEndpoints
{
    public const int MaxNameLength = 20;
    public const int MaxPurposeLength = 100;
    public const string Pay = "record";
    public const string Request = "request";

    public static void MapFundLinks(this IEndpointRouteBuilder app)
    {
        foreach (var kind in new[] { Pay, Request })
        {
            MapLink(app, kind);
        }
    }

    private static void MapLink(IEndpointRouteBuilder app, string kind)
    {
        app.MapGet($"/pay/{kind}/{{token}}", async (string token, FundIntake intake, FundStore funds, CountyDirectory counties,
            CancellationToken ct) =>
        {
            var check = await intake.CheckAsync(token, PurposeOf(kind), ct);
            return check.Refusal is { } refusal ? LinkRefusalPage.For(refusal) : await PageAsync(kind, token, check, funds, counties, null, null, StatusCodes.Status200OK, ct);
        });

        app.MapPost($"/pay/{kind}/{{token}}", async (string token, HttpContext http, FundIntake intake, FundStore funds,
            CountyDirectory counties, EvidenceStore evidence, TimeProvider time, CancellationToken ct) =>
        {
            var check = await intake.CheckAsync(token, PurposeOf(kind), ct);
            if (check.Refusal is { } refusal)
            {
                return LinkRefusalPage.For(refusal);
            }

            if (!http.Request.HasFormContentType)
            {
                return NotAForm(kind, token);
            }

            IFormCollection form;
            try
            {
                form = await http.Request.ReadFormAsync(ct);
            }
            catch (InvalidDataException)
            {
                return NotAForm(kind, token);
            }

            var entered = new FundLinkEntry(form["amount"].ToString().Trim(), form["date"].ToString().Trim(), form["name"].ToString().Trim(),
                form["village"].ToString().Trim(), form["purpose"].ToString().Trim(), form["reviewed"].ToString() == "yes");
            var link = check.Link!;
            var allocation = check.Record!.Allocation;
            var now = time.GetUtcNow();
            var today = ShanghaiTime.DateOf(now);
            var amount = PaymentCheck.Parse(entered.Amount);
            var nameProblem = entered.Name.Length is 0 or > MaxNameLength ? $"请填写经办人姓名（不超过 {MaxNameLength} 字）。"
                : entered.Name.Any(char.IsControl) ? "经办人姓名不能含换行等控制字符，请只填写姓名。" : null;
            var actor = $"{entered.Name}（{(kind == Pay ? FundRecipients.NameOf(allocation, check.Step!.Stage) : FundRecipients.NameOf(allocation, DisbursementStage.VillagePayment))}）";

            if (kind == Request)
            {
                var places = await counties.FindPlacesAsync(allocation.CountyCode, ct);
                var village = places?.Townships.FirstOrDefault(t => t.Code == allocation.TownshipCode)?.Villages.FirstOrDefault(v => v.Code == entered.Village);
                var left = await FundBalance.LeftToRequestAsync(funds, allocation.AllocationId, ct);
                var problem = village is null ? "请选择提报申请的项目村。"
                    : amount is null ? "请填写申请金额（元），例如 20000.00。"
                    : PaymentCheck.Problem(amount.Value, left)
                    ?? (entered.Purpose.Length is 0 or > MaxPurposeLength || entered.Purpose.Any(char.IsControl) ? $"请填写资金用途（不超过 {MaxPurposeLength} 字，不含换行）。"
                    : !entered.Reviewed ? "请确认该申请已审核无误后再登记。"
                    : nameProblem);
                if (problem is not null)
                {
                    return await PageAsync(kind, token, check, funds, counties, problem, entered, StatusCodes.Status400BadRequest, ct);
                }

                var request = new VillageRequestDecision(allocation.AllocationId, link.Step, village!.Code, village.Name, amount!.Value, entered.Purpose, actor, now, link.LinkId,
                    http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString());
                return await intake.RequestAsync(link, request, ct) is { } lost ? LinkRefusalPage.For(lost)
                    : PageResults.Message("已登记拨付申请", $"{village.Name}的拨付申请 {PaymentCheck.Yuan(amount.Value)} 元已登记，请于 5 个工作日内拨付到位，拨付链接将另行发送。",
                        ok: true, note: "本链接已失效。", attributes: new Dictionary<string, object> { ["data-outcome"] = "requested" });
            }

            var step = check.Step!;
            var paidOn = DateOnly.TryParseExact(entered.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : (DateOnly?)null;
            var voucher = form.Files.GetFile("voucher") is { Length: > 0 } file ? file : null;
            var payProblem = amount is null ? "请填写拨付金额（元），例如 100000.00。"
                : PaymentCheck.Problem(amount.Value, step.Amount)
                ?? (paidOn is null ? "请按 yyyy-MM-dd 填写拨付日期。"
                : paidOn > today ? "拨付日期不能晚于今天。"
                : paidOn < step.StartsOn ? $"拨付日期不能早于 {Shown.Date(step.StartsOn)}（本环节起算日）。"
                : voucher is null ? "请上传拨付凭证（JPEG、PNG 图片或 PDF）。"
                : nameProblem);
            if (payProblem is not null)
            {
                return await PageAsync(kind, token, check, funds, counties, payProblem, entered, StatusCodes.Status400BadRequest, ct);
            }

            EvidenceItem stored;
            try
            {
                await using var content = voucher!.OpenReadStream();
                stored = await evidence.UploadAsync(allocation.AllocationId, step.Step, voucher.FileName, voucher.ContentType, content, actor, ct);
            }
            catch (EvidenceRejectedException e)
            {
                return await PageAsync(kind, token, check, funds, counties, $"{voucher!.FileName}：{e.Message}", entered, StatusCodes.Status400BadRequest, ct);
            }

            var payment = new PaymentDecision(allocation.AllocationId, step.Step, amount!.Value, paidOn!.Value, actor, stored.EvidenceId, now, link.LinkId,
                http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString());
            return await intake.PayAsync(link, payment, ct) is { } taken ? LinkRefusalPage.For(taken)
                : PageResults.Message("已登记拨付", $"{PaymentCheck.Yuan(amount.Value)} 元已登记拨付至{FundRecipients.PayeeOf(allocation, step)}。", ok: true, note: "本链接已失效。",
                    attributes: new Dictionary<string, object> { ["data-outcome"] = "paid" });
        });
    }

    private static string PurposeOf(string kind) => kind == Pay ? FundRequests.PayPurpose : FundRequests.RequestPurpose;

    private static async Task<IResult> PageAsync(string kind, string token, FundLinkCheck check, FundStore funds, CountyDirectory counties, string? problem,
        FundLinkEntry? entered, int status, CancellationToken ct)
    {
        var allocation = check.Record!.Allocation;
        var villages = kind == Request
            ? (await counties.FindPlacesAsync(allocation.CountyCode, ct))?.Townships.FirstOrDefault(t => t.Code == allocation.TownshipCode)?.Villages.ToList() ?? []
            : [];
        return PageResults.Page<FundLinkPage>(new
        {
            Requesting = kind == Request,
            Action = PathOf(kind, token),
            Allocation = allocation,
            Step = check.Step,
            Left = kind == Request ? await FundBalance.LeftToRequestAsync(funds, allocation.AllocationId, ct) : check.Step!.Amount,
            Villages = villages,
            Problem = problem,
            Entered = entered,
        }, status);
    }

    private static RazorComponentResult<MessagePage> NotAForm(string kind, string token) => PageResults.Message("请求格式不正确",
        "提交的内容不是本页的表单，未作任何更改。请打开链接，在页面上填写后提交。", StatusCodes.Status400BadRequest,
        onward: new PageLink(PathOf(kind, token), "返回办理页面"), attributes: new Dictionary<string, object> { ["data-refusal"] = "NotAForm" });

    private static string PathOf(string kind, string token) => $"/pay/{kind}/{Uri.EscapeDataString(token)}";
}
