using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Workflow.App.Exits;
using Workflow.App.Links;
using Workflow.App.Tests.Exits;
using Workflow.Domain.Exits;
using Xunit;

namespace Workflow.App.Tests.Logging;

/// <summary>
/// 日志不含链接令牌: a capability link in a log lets whoever reads the log act on a pending approval. A whole exit case
/// (every step, an objection, evidence uploaded and viewed, a spent link, a malformed post) runs with every log line
/// captured at Trace, and no token any message carried may appear in any of them, nor the robot webhook's key.
/// </summary>
public sealed partial class TokensInLogsTests
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 1, 2, 3];

    [Fact]
    public async Task A_walk_through_writes_no_capability_token_and_no_webhook_key_to_any_log()
    {
        var robotKey = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        await using var robot = await Robot.StartAsync();
        var logs = new CapturedLogs();
        await using var bed = await ExitTestBed.StartAsync(logs.AddTo,
            ("Notifications:Webhook:Url", $"{robot.Address}open-apis/bot/v2/hook/{robotKey}"));

        var c = await bed.StartCaseAsync(0);
        await bed.ApproveAsync(c, ExitProcedure.Appraisal, "VillageCommittee");
        await VerifyWithEvidenceAsync(bed, c);
        await bed.ApproveAsync(c, ExitProcedure.Consent, "Household");
        await bed.WaitForAsync(c.CaseId, d => d.Case.CurrentStep == ExitProcedure.Notice, "notice");
        await ObjectAndDismissAsync(bed, c);
        bed.Clock.Advance(TimeSpan.FromDays(8));
        await bed.ApproveAsync(c, ExitProcedure.TownshipReview, "TownshipApprover");
        var county = await bed.WaitForLinkAsync(c.CaseId, ExitProcedure.CountyApproval, ExitTestBed.Recipient("CountyOfficer", c));
        // Not a form: refused before anything reads the link.
        using (var json = new StringContent("{\"decision\":\"approve\"}", Encoding.UTF8, "application/json"))
        {
            Assert.NotEqual(HttpStatusCode.OK, (await bed.Anonymous.PostAsync(county, json)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await bed.DecideAsync(county, approve: true, "同意退出")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await bed.DecideAsync(county, approve: true, "再点一次")).StatusCode);
        await bed.WaitForAsync(c.CaseId, d => d.Case.Status == ExitCaseStatus.Approved, "approved");

        var tokens = await bed.IssuedTokensAsync();
        var text = logs.Text();
        Assert.True(tokens.Count >= 8, $"Only {tokens.Count} tokens were issued.");
        // The signature alone finds a leak that cut or re-encoded the rest of a token.
        var leaks = tokens.Where(token => text.Contains(token[(token.LastIndexOf('.') + 1)..], StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} of {tokens.Count} tokens are in the log, as in:\n{string.Join("\n", leaks.Select(token => LinesWith(logs, token)))}");
        Assert.DoesNotContain(robotKey, text, StringComparison.Ordinal);
        // The walk-through was logged (so an empty log cannot pass), with each request's path masked.
        Assert.Contains($"/decide/{CapabilityPath.Mask}", text, StringComparison.Ordinal);
        Assert.Contains($"/objections/{CapabilityPath.Mask}", text, StringComparison.Ordinal);
        Assert.True(robot.Received > 0, "The robot webhook received nothing, so its logging was not exercised.");
    }

    private static async Task VerifyWithEvidenceAsync(ExitTestBed bed, ExitCase c)
    {
        var link = await bed.WaitForLinkAsync(c.CaseId, ExitProcedure.Verification, ExitTestBed.Recipient("WorkTeam", c));
        using (var upload = new MultipartFormDataContent())
        {
            var photo = new ByteArrayContent(Jpeg);
            photo.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            upload.Add(photo, "evidence", "入户核实.jpg");
            Assert.Equal(HttpStatusCode.OK, (await bed.Anonymous.PostAsync($"{link}/evidence", upload)).StatusCode);
        }

        var page = await bed.Anonymous.GetStringAsync(link);
        var evidence = EvidenceHref().Match(page);
        Assert.True(evidence.Success, "The decision page lists no evidence.");
        using var viewer = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = bed.Anonymous.BaseAddress };
        Assert.Equal(HttpStatusCode.Redirect, (await viewer.GetAsync(WebUtility.HtmlDecode(evidence.Groups[1].Value))).StatusCode);
        bed.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await bed.DecideAsync(link, approve: true, "入户核实无误")).StatusCode);
    }

    private static async Task ObjectAndDismissAsync(ExitTestBed bed, ExitCase c)
    {
        var notice = await bed.WaitForLinkAsync(c.CaseId, ExitProcedure.Notice, ExitTestBed.Recipient("VillageCommittee", c), path: "/notices/");
        Assert.Equal(HttpStatusCode.OK, (await bed.Anonymous.GetAsync(notice)).StatusCode);
        var objection = notice.Replace("/notices/", "/objections/", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await bed.Anonymous.GetAsync(objection)).StatusCode);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["contact"] = "村民 13800000000", ["reason"] = "听说该户仍有贷款未还" });
        Assert.Equal(HttpStatusCode.OK, (await bed.Anonymous.PostAsync(objection, form)).StatusCode);
        var review = await bed.WaitForLinkAsync(c.CaseId, "objection-review-1", ExitTestBed.Recipient("TownshipApprover", c));
        bed.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.OK, (await bed.DecideAsync(review, approve: true, "贷款为产业贷款，按期还款中，异议不成立")).StatusCode);
        await bed.WaitForAsync(c.CaseId, d => d.Case.CurrentStep == ExitProcedure.Notice, "notice resumed");
    }

    private static string LinesWith(CapturedLogs logs, string token) =>
        string.Join('\n', logs.Lines.Where(line => line.Text.Contains(token[(token.LastIndexOf('.') + 1)..], StringComparison.Ordinal)).Select(line => line.Text).Take(5));

    /// <summary>A group robot's webhook (as Feishu's, the key in the path) on real Kestrel, counting what it is sent.</summary>
    private sealed class Robot : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _received;

        private Robot(WebApplication app) => _app = app;

        public Uri Address => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/");

        public int Received => Volatile.Read(ref _received);

        public static async Task<Robot> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var robot = new Robot(builder.Build());
            robot._app.MapPost("/open-apis/bot/v2/hook/{key}", () =>
            {
                Interlocked.Increment(ref robot._received);
                return Results.Json(new { errcode = 0 });
            });
            await robot._app.StartAsync();
            return robot;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    [GeneratedRegex("href=\"(/decide/[^\"]+/evidence/[^\"]+)\"")]
    private static partial Regex EvidenceHref();
}
