using QRCoder;
using Workflow.App.Links;
using Workflow.App.Pages;

namespace Workflow.App.Exits.Web;

/// <summary>
/// 公示: the printable notice for the village board, whose QR code opens the objection form; and that form, which
/// anyone may use without signing in, a few times an hour per address.
/// </summary>
internal static class NoticeEndpoints
{
    public const string ObjectionRateLimit = "objections";

    public static void MapNotices(this IEndpointRouteBuilder app)
    {
        app.MapGet("/notices/{token}", async (string token, ObjectionIntake intake, LinkAddresses addresses, CancellationToken ct) =>
        {
            var check = await intake.CheckAsync(token, ct);
            if (check.Refusal is { } refusal)
            {
                return LinkRefusalPage.For(refusal);
            }

            var c = check.Case!;
            var objectionUrl = addresses.Absolute($"/objections/{Uri.EscapeDataString(token)}").ToString();
            using var qr = new QRCodeGenerator().CreateQrCode(objectionUrl, QRCodeGenerator.ECCLevel.M);
            var svg = new SvgQRCode(qr).GetGraphic(4);
            var ends = c.NoticeEndsAt is { } at ? PageLayout.Time(at) : "（公示暂停，等待异议复核）";
            var body = PrintStyle + $"""
                <p>根据贫困户退出程序，经村民代表大会民主评议、村两委和驻村工作队核实、本户认可，拟退出以下贫困户，现予公示：</p>
                <table>
                <tr><th>乡镇 / 村</th><td>{E(c.Township)} {E(c.Village)}</td></tr>
                <tr><th>户主</th><td>{E(c.HeadName)}</td></tr>
                <tr><th>户编号</th><td>{E(c.HouseholdNumber)}</td></tr>
                <tr><th>公示截止</th><td>{E(ends)}</td></tr>
                </table>
                <p>公示期间如有异议，请扫描下方二维码或访问下方网址如实反映（无需登录，请留联系方式以便核实）。</p>
                <div class="qr" aria-label="异议反映二维码">{svg}</div>
                <p class="meta url">{E(objectionUrl)}</p>
                <p>{E(c.Township)}人民政府　{E(c.Village)}村民委员会</p>
                <p class="noprint"><button onclick="window.print()">打印公示单</button></p>
                """;
            return PageLayout.Page("贫困户拟退出公示", body);
        });

        app.MapGet("/objections/{token}", async (string token, ObjectionIntake intake, CancellationToken ct) =>
        {
            var check = await intake.CheckAsync(token, ct);
            return check.Refusal is { } refusal ? LinkRefusalPage.For(refusal) : Form(check.Case!, token, null, null, null, StatusCodes.Status200OK);
        });

        app.MapPost("/objections/{token}", async (string token, HttpContext http, ObjectionIntake intake, CancellationToken ct) =>
        {
            var check = await intake.CheckAsync(token, ct);
            if (check.Refusal is { } refusal)
            {
                return LinkRefusalPage.For(refusal);
            }

            var form = await http.Request.ReadFormAsync(ct);
            var contact = form["contact"].ToString();
            var reason = form["reason"].ToString();
            if (ObjectionIntake.Problem(contact, reason) is { } problem)
            {
                return Form(check.Case!, token, contact, reason, problem, StatusCodes.Status400BadRequest);
            }

            await intake.FileAsync(check.Case!, contact, reason, http.Connection.RemoteIpAddress?.ToString(), ct);
            return PageLayout.Page("异议已提交", """
                <p class="ok" data-objection="filed">您的异议已提交，公示暂停，乡镇将进行复核。感谢您的监督。</p>
                """);
        }).RequireRateLimiting(ObjectionRateLimit);
    }

    private const string PrintStyle = "<style>@media print { .noprint { display: none; } body { margin: 1cm; } } .qr svg { width: 180px; height: 180px; } .url { overflow-wrap: anywhere; }</style>";

    private static IResult Form(ExitCase c, string token, string? contact, string? reason, string? problem, int status)
    {
        var body = $"""
            <p>对 {E(c.Township)}{E(c.Village)} {E(c.HeadName)} 户（户编号 {E(c.HouseholdNumber)}）拟退出的公示提出异议。</p>
            {(problem is null ? string.Empty : $"<p class=\"bad\" role=\"alert\">{E(problem)}</p>")}
            <form method="post" action="/objections/{Uri.EscapeDataString(token)}">
            <p><label>联系方式（电话或住址）<br><input name="contact" maxlength="{ObjectionIntake.MaxContactLength}" required value="{E(contact ?? string.Empty)}" style="width:100%"></label></p>
            <p><label>异议内容<br><textarea name="reason" rows="5" maxlength="{ObjectionIntake.MaxReasonLength}" required style="width:100%">{E(reason ?? string.Empty)}</textarea></label></p>
            <p><button type="submit">提交异议</button></p>
            </form>
            """;
        return PageLayout.Page("公示异议反映", body, status);
    }

    private static string E(string text) => PageLayout.Html.Encode(text);
}
