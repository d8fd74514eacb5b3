using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Workflow.Domain.Exits;
using Workflow.Domain.Standards;
using Workflow.App.Exits;
using Workflow.App.Exits.Web;
using Xunit;

namespace Workflow.App.Tests.Exits;

/// <summary>The county API: starting (single, batch, idempotent, refused), withdrawing, evidence, and who may call it.</summary>
public sealed class ExitApiTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    [Fact]
    public async Task A_household_failing_indicators_gets_the_failing_list_and_no_case()
    {
        await using var bed = await ExitTestBed.StartAsync();
        var failing = HouseholdConditions.AllSecured(2000m) with { HousingSafe = false };

        var response = await bed.County.PostAsJsonAsync($"/api/counties/{bed.CountyCode}/exits",
            new StartExitRequest(bed.Households[0].Household.Number, failing), ExitTestBed.Json);
        var outcome = (await response.Content.ReadFromJsonAsync<StartOutcome>(ExitTestBed.Json))!;
        var list = await bed.County.GetFromJsonAsync<List<ExitCase>>($"/api/counties/{bed.CountyCode}/exits", ExitTestBed.Json);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(["income", "housing"], outcome.FailingIndicators!.Select(i => i.Code));
        Assert.Empty(list!);
    }

    [Fact]
    public async Task The_list_page_form_starts_a_case_or_shows_the_failing_indicators()
    {
        await using var bed = await ExitTestBed.StartAsync();
        FormUrlEncodedContent Form(int household, string income, bool housing) => new(
        [
            new("county", bed.CountyCode), new("household", bed.Households[household].Household.Number), new("income", income),
            new("food", "true"), new("clothing", "true"), new("education", "true"), new("medical", "true"), new("water", "true"),
            .. housing ? [new KeyValuePair<string, string>("housing", "true")] : Array.Empty<KeyValuePair<string, string>>(),
        ]);

        var listPage = await bed.County.GetStringAsync($"/exits?county={bed.CountyCode}");
        var refused = await bed.County.PostAsync("/exits/start", Form(0, "9000", housing: false));
        var started = await bed.County.PostAsync("/exits/start", Form(1, "9000", housing: true));
        var cases = await bed.County.GetFromJsonAsync<List<ExitCase>>($"/api/counties/{bed.CountyCode}/exits", ExitTestBed.Json);

        Assert.Contains("action=\"/exits/start\"", listPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("住房安全", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var exitCase = Assert.Single(cases!);
        Assert.Equal(bed.Households[1].Household.Number, exitCase.HouseholdNumber);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Equal($"/exits/{exitCase.CaseId}", started.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_second_attempt_is_refused_while_the_households_first_case_runs_and_other_households_are_unaffected()
    {
        await using var bed = await ExitTestBed.StartAsync();
        var conditions = HouseholdConditions.AllSecured(9000m);
        async Task<HttpStatusCode> StartAsync(int household, int attempt) =>
            (await bed.County.PostAsJsonAsync($"/api/counties/{bed.CountyCode}/exits",
                new StartExitRequest(bed.Households[household].Household.Number, conditions, attempt), ExitTestBed.Json)).StatusCode;

        var first = await StartAsync(0, 1);
        var secondWhileRunning = await StartAsync(0, 2);
        var otherHousehold = await StartAsync(1, 2);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.Created), (first, secondWhileRunning, otherHousehold));
    }

    [Fact]
    public async Task A_batch_starts_one_case_per_household_and_attempt_however_often_it_is_sent()
    {
        await using var bed = await ExitTestBed.StartAsync();
        var batch = new BatchStartRequest(
        [
            .. bed.Households.Take(12).Select(h => new StartExitRequest(h.Household.Number, ExitTestBed.Passing)),
            new StartExitRequest("999999999", ExitTestBed.Passing),
            new StartExitRequest(bed.Households[12].Household.Number, HouseholdConditions.AllSecured(100m)),
        ]);

        var first = await (await bed.County.PostAsJsonAsync($"/api/counties/{bed.CountyCode}/exits/batch", batch, ExitTestBed.Json)).Content.ReadFromJsonAsync<BatchStartResult>(ExitTestBed.Json);
        var again = await (await bed.County.PostAsJsonAsync($"/api/counties/{bed.CountyCode}/exits/batch", batch, ExitTestBed.Json)).Content.ReadFromJsonAsync<BatchStartResult>(ExitTestBed.Json);
        var list = await bed.County.GetFromJsonAsync<List<ExitCase>>($"/api/counties/{bed.CountyCode}/exits", ExitTestBed.Json);

        Assert.Equal((12, 0, 2), (first!.Started, first.Existing, first.Refused));
        Assert.Equal((0, 12, 2), (again!.Started, again.Existing, again.Refused));
        Assert.Equal(StartRefusal.NotFound, first.Results[12].Refusal);
        Assert.Equal(StartRefusal.IndicatorsFailed, first.Results[13].Refusal);
        Assert.Equal(12, list!.Count);
        Assert.Equal(12, list.Select(c => c.HouseholdNumber).Distinct().Count());
        await bed.WaitForAsync(list[0].CaseId, d => d.Case.CurrentStep == ExitProcedure.Appraisal, "appraisal opened");
        var second = await bed.County.PostAsJsonAsync($"/api/counties/{bed.CountyCode}/exits",
            new StartExitRequest(bed.Households[0].Household.Number, ExitTestBed.Passing, Attempt: 2), ExitTestBed.Json);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
    }

    [Fact]
    public async Task A_withdrawn_case_ends_with_its_reason_and_its_links_stop_working()
    {
        await using var bed = await ExitTestBed.StartAsync();
        var c = await bed.StartCaseAsync(0);
        var link = await bed.WaitForLinkAsync(c.CaseId, ExitProcedure.Appraisal, ExitTestBed.Recipient("VillageCommittee", c));

        var noReason = await bed.County.PostAsJsonAsync($"/api/exits/{c.CaseId}/withdraw", new WithdrawRequest(" "), ExitTestBed.Json);
        var withdrawn = await bed.County.PostAsJsonAsync($"/api/exits/{c.CaseId}/withdraw", new WithdrawRequest("户主外出务工，暂缓退出"), ExitTestBed.Json);
        var done = await bed.WaitForAsync(c.CaseId, d => d.Case.Status == ExitCaseStatus.Withdrawn, "withdrawn");
        var page = await bed.Anonymous.GetAsync(link);

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, withdrawn.StatusCode);
        Assert.Equal("县扶贫办撤回：户主外出务工，暂缓退出", done.Case.Outcome);
        Assert.Equal(HttpStatusCode.Conflict, page.StatusCode);
        Assert.Contains("已办结或已撤回", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uploads_that_are_empty_oversize_or_not_an_allowed_type_are_refused_and_path_characters_stay_a_label()
    {
        await using var bed = await ExitTestBed.StartAsync();
        var c = await bed.StartCaseAsync(1);
        var link = await bed.WaitForLinkAsync(c.CaseId, ExitProcedure.Appraisal, ExitTestBed.Recipient("VillageCommittee", c));

        var empty = await UploadAsync(bed, link, [], "empty.png", "image/png");
        var oversize = await UploadAsync(bed, link, [.. Png, .. new byte[1024 * 1024]], "big.png", "image/png");
        var script = await UploadAsync(bed, link, "<script>alert(1)</script>"u8.ToArray(), "photo.jpg", "image/jpeg");
        var mislabelled = await UploadAsync(bed, link, Png, "scan.pdf", "application/pdf");
        var pathy = await UploadAsync(bed, link, Png, "../../etc/评议会照片.png", "image/png");
        var detail = await bed.DetailAsync(c.CaseId);

        Assert.All([empty, oversize, script], r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Contains("文件为空", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("上限", await oversize.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("只接受", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // A PNG declared as a PDF is kept as what its bytes are (the declared type is only a hint, issue 19 item 4).
        Assert.Equal(HttpStatusCode.Redirect, mislabelled.StatusCode);
        Assert.Equal("image/png", Assert.Single(detail.Evidence, e => e.FileName == "scan.pdf").ContentType);
        Assert.Equal(HttpStatusCode.Redirect, pathy.StatusCode);
        var stored = Assert.Single(detail.Evidence, e => e.FileName == "评议会照片.png");
        Assert.Equal("评议会照片.png", stored.FileName);
        Assert.Equal(ExitProcedure.Appraisal, stored.Step);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Png)), stored.Sha256);
        Assert.Empty(detail.Audit);

        // Viewing goes through a short-lived read-only link to the private blob.
        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = bed.Anonymous.BaseAddress };
        var view = await noRedirect.GetAsync($"{link}/evidence/{stored.EvidenceId}");
        Assert.Equal(HttpStatusCode.Redirect, view.StatusCode);
        Assert.Contains("sig=", view.Headers.Location!.Query, StringComparison.Ordinal);
        Assert.Equal(Png, await noRedirect.GetByteArrayAsync(view.Headers.Location));
    }

    [Fact]
    public async Task County_routes_need_a_county_role_and_the_api_is_described_as_openapi()
    {
        await using var bed = await ExitTestBed.StartAsync();

        var anonymous = await bed.Anonymous.GetAsync($"/api/counties/{bed.CountyCode}/exits");
        using var township = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = bed.Anonymous.BaseAddress };
        await township.PostAsync("/dev/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = "乡镇 张审核|TownshipApprover" }));
        var wrongRole = await township.GetAsync($"/api/counties/{bed.CountyCode}/exits");
        var page = await township.GetAsync($"/exits?county={bed.CountyCode}");
        using var openApi = JsonDocument.Parse(await bed.Anonymous.GetStringAsync("/openapi/v1.json"));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongRole.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        var paths = openApi.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/counties/{county}/exits", paths);
        Assert.Contains("/api/counties/{county}/exits/batch", paths);
        Assert.Contains("/api/exits/{caseId}", paths);
        Assert.Contains("/api/exits/{caseId}/withdraw", paths);
    }

    [Fact]
    public async Task The_development_sign_in_does_not_exist_outside_development()
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        await using var app = await RunningApp.StartAsync(null,
            ("Storage:ConnectionString", azurite.ConnectionString), ("environment", "Production"),
            ("Links:Keys:k1", Convert.ToBase64String(new byte[32])), ("Links:CurrentKeyId", "k1"));

        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/dev/signin")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.PostAsync("/dev/signin", new FormUrlEncodedContent([]))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client.GetAsync("/api/counties/532331/exits")).StatusCode);
    }

    private static async Task<HttpResponseMessage> UploadAsync(ExitTestBed bed, string link, byte[] content, string fileName, string contentType)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var form = new MultipartFormDataContent { { file, "evidence", fileName } };
        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = bed.Anonymous.BaseAddress };
        return await noRedirect.PostAsync($"{link}/evidence", form);
    }
}
