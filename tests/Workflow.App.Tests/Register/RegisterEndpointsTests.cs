using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Workflow.Domain.Register;
using Workflow.App.Identity;
using Workflow.App.Tests.Identity;
using Xunit;

namespace Workflow.App.Tests.Register;

/// <summary>The register endpoints on the real app, on real Kestrel, against Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RegisterEndpointsTests(AzuriteFixture azurite)
{
    private readonly RegisterTestBed _bed = new(azurite);

    [Fact]
    public async Task The_API_imports_a_file_and_the_error_report_downloads_as_CSV_with_BOM()
    {
        var county = await _bed.AddPlacesAsync(RegisterTestBed.Generate());
        var rows = RegisterFiles.RowsOf(RegisterTestBed.Generate());
        rows[2][RegisterFiles.Column(RegisterColumns.Village)] = "不存在村";
        await using var app = await StartAsync();

        var response = await app.Client.PostAsync(new Uri($"/register/{county.Code}/imports", UriKind.Relative), Upload(RegisterFiles.Csv(rows), "名册.csv", "2020"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var report = json.RootElement;
        var download = await app.Client.GetAsync(new Uri(report.GetProperty("errorReport").GetString()!, UriKind.Relative));
        var csv = await download.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(100, report.GetProperty("rows").GetInt32());
        Assert.True(report.GetProperty("rejectedRows").GetInt32() > 0);
        Assert.Equal(29, report.GetProperty("households").GetProperty("added").GetInt32());
        var error = report.GetProperty("errors").EnumerateArray().Single(e => e.GetProperty("column").GetString() == "行政村");
        Assert.Equal(3, error.GetProperty("line").GetInt32());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/csv", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        Assert.Contains("3,行政村,行政村「不存在村」不属于乡镇", Encoding.UTF8.GetString(csv), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_API_refuses_what_it_cannot_take_with_a_status_and_a_chinese_reason()
    {
        var county = await _bed.AddPlacesAsync(RegisterTestBed.Generate());
        var file = RegisterFiles.Csv(RegisterFiles.RowsOf(RegisterTestBed.Generate()));
        await using var app = await StartAsync();
        var imports = new Uri($"/register/{county.Code}/imports", UriKind.Relative);

        await AssertRefused(HttpStatusCode.UnsupportedMediaType, "multipart/form-data", await app.Client.PostAsync(imports, new ByteArrayContent(file) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } }));
        await AssertRefused(HttpStatusCode.UnsupportedMediaType, "multipart/form-data", await app.Client.PostAsync(imports, new StringContent("{}", Encoding.UTF8, "application/json")));
        await AssertRefused(HttpStatusCode.NotFound, "没有代码为「999999」的县", await app.Client.PostAsync(new Uri("/register/999999/imports", UriKind.Relative), Upload(file, "名册.csv", "2020")));
        await AssertRefused(HttpStatusCode.BadRequest, "收入数据所属的年度", await app.Client.PostAsync(imports, Upload(file, "名册.csv", year: null)));
        await AssertRefused(HttpStatusCode.BadRequest, "没有收到文件", await app.Client.PostAsync(imports, new MultipartFormDataContent { { new StringContent("2020"), "year" } }));
        await AssertRefused(HttpStatusCode.UnprocessableEntity, "无法识别文件的字符编码", await app.Client.PostAsync(imports, Upload(RegisterFiles.Csv(RegisterFiles.RowsOf(RegisterTestBed.Generate()), RegisterFiles.ShiftJis), "名册.csv", "2020")));
        await AssertRefused(HttpStatusCode.UnprocessableEntity, "不支持 Excel 97-2003", await app.Client.PostAsync(imports, Upload(file, "名册.xls", "2020")));
        // Expect: 100-continue lets the server refuse on the declared length before the client sends 21 MB it would not read.
        using var tooLarge = new HttpRequestMessage(HttpMethod.Post, imports) { Content = Upload(new byte[21 * 1024 * 1024], "名册.csv", "2020") };
        tooLarge.Headers.ExpectContinue = true;
        await AssertRefused(HttpStatusCode.RequestEntityTooLarge, "文件超过 20 MB", await app.Client.SendAsync(tooLarge));
        Assert.Empty(await _bed.ReadAllAsync(county));
    }

    [Fact]
    public async Task The_export_downloads_the_register_with_id_numbers_masked()
    {
        var generated = RegisterTestBed.Generate();
        var county = await _bed.AddPlacesAsync(generated);
        await _bed.ImportAsync(county, "名册.csv", RegisterFiles.Csv(RegisterFiles.RowsOf(generated)));
        await using var app = await StartAsync();

        var all = await app.Client.GetAsync(new Uri($"/register/{county.Code}/export.csv", UriKind.Relative));
        var bytes = await all.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes[3..]);
        var township = await app.Client.GetAsync(new Uri($"/register/{county.Code}/export.csv?township={county.Townships[0].Code}", UriKind.Relative));
        var unknown = await app.Client.GetAsync(new Uri($"/register/{county.Code}/export.csv?township=000", UriKind.Relative));
        var noReport = await app.Client.GetAsync(new Uri($"/register/{county.Code}/imports/{Guid.NewGuid()}/errors.csv", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal("utf-8", all.Content.Headers.ContentType?.CharSet);
        Assert.Equal("禄丰县建档立卡户名册.csv", all.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal(101, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.All(generated.Households.SelectMany(h => h.Members), m =>
        {
            Assert.DoesNotContain(m.IdNumber.Reveal(), text, StringComparison.Ordinal);
            Assert.Contains(m.IdNumber.Mask(), text, StringComparison.Ordinal);
        });
        Assert.Equal(HttpStatusCode.OK, township.StatusCode);
        Assert.Equal($"禄丰县{county.Townships[0].Name}建档立卡户名册.csv", township.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noReport.StatusCode);
    }

    [Fact]
    public async Task The_upload_page_is_chinese_and_shows_the_result_with_what_people_supplied_encoded()
    {
        var generated = RegisterTestBed.Generate();
        var county = await _bed.AddPlacesAsync(generated);
        var rows = RegisterFiles.RowsOf(generated);
        rows[1][RegisterFiles.Column(RegisterColumns.Township)] = "<img src=x onerror=alert(1)>";
        await using var app = await StartAsync();

        var page = await app.Client.GetAsync(new Uri("/register", UriKind.Relative));
        var form = Upload(RegisterFiles.Csv(rows), "<b onmouseover=alert(1)>名册.csv", "2020");
        form.Add(new StringContent(county.Code), "county");
        var result = await app.Client.PostAsync(new Uri("/register", UriKind.Relative), form);
        var html = await result.Content.ReadAsStringAsync();
        var refused = await app.Client.PostAsync(new Uri("/register", UriKind.Relative), new MultipartFormDataContent { { new StringContent(county.Code), "county" }, { new StringContent("2020"), "year" } });

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html lang=\"zh-CN\">", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("禄丰县（532331）", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        Assert.Equal("utf-8", result.Content.Headers.ContentType?.CharSet);
        Assert.Contains("导入结果", html, StringComparison.Ordinal);
        Assert.Contains("下载完整错误报告", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b onmouseover", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b onmouseover=alert(1)&gt;名册.csv", html, StringComparison.Ordinal);
        Assert.Contains("乡镇「&lt;img src=x onerror=alert(1)&gt;」不在本县乡镇名单中", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("导入失败：没有收到文件", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_county_role_the_register_is_refused_and_a_county_admin_gets_in()
    {
        var county = await _bed.AddPlacesAsync(RegisterTestBed.Generate());
        var file = RegisterFiles.Csv(RegisterFiles.RowsOf(RegisterTestBed.Generate()));
        await using var app = await RunningApp.StartAsync(("Storage:ConnectionString", azurite.ConnectionString), ("Register:StoragePrefix", _bed.Prefix));
        using var anonymous = NoRedirects(app);
        using var township = NoRedirects(app);
        await SignInAsync(township, "乡镇 张审核|TownshipApprover");
        using var analyst = NoRedirects(app);
        await SignInAsync(analyst, "数据分析 赵分析|Analyst");
        await app.SignInAsync("县扶贫办 李主任|CountyAdmin");

        foreach (var (client, expected) in new[] { (anonymous, HttpStatusCode.Redirect), (township, HttpStatusCode.Forbidden), (analyst, HttpStatusCode.Forbidden) })
        {
            foreach (var response in await RegisterRoutesAsync(client, county.Code, file))
            {
                Assert.Equal(expected, response.StatusCode);
                if (expected == HttpStatusCode.Redirect)
                {
                    // As on the exit pages: locally, to the development sign-in and back.
                    Assert.StartsWith("/dev/signin?ReturnUrl=%2Fregister", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
                }
            }
        }

        Assert.Empty(await _bed.ReadAllAsync(county));
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync(new Uri("/register", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync(new Uri($"/register/{county.Code}/export.csv", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Outside_development_the_register_answers_only_an_app_service_principal_with_a_county_role()
    {
        var county = await _bed.AddPlacesAsync(RegisterTestBed.Generate());
        var file = RegisterFiles.Csv(RegisterFiles.RowsOf(RegisterTestBed.Generate()));
        await using var app = await RunningApp.StartAsync(null,
            ("environment", "Production"), (AppServiceAuthenticationHandler.PlatformSetting, "True"),
            ("Storage:ConnectionString", azurite.ConnectionString), ("Register:StoragePrefix", _bed.Prefix),
            ("Links:Keys:k1", Convert.ToBase64String(new byte[32])), ("Links:CurrentKeyId", "k1"));
        using var anonymous = NoRedirects(app);
        using var analyst = NoRedirects(app, AppServicePrincipalTests.EntraUser("赵分析", ("roles", CountyRoles.Analyst)));
        using var officer = NoRedirects(app, AppServicePrincipalTests.EntraUser("王干事", ("roles", CountyRoles.CountyOfficer)));

        Assert.All(await RegisterRoutesAsync(anonymous, county.Code, file), response => Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode));
        Assert.All(await RegisterRoutesAsync(analyst, county.Code, file), response => Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode));
        Assert.Empty(await _bed.ReadAllAsync(county));
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync(new Uri("/register", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync(new Uri($"/register/{county.Code}/export.csv", UriKind.Relative))).StatusCode);
    }

    // Every kind of register route: the page, the page's upload, the import API, an error report and the export.
    private static async Task<List<HttpResponseMessage>> RegisterRoutesAsync(HttpClient client, string countyCode, byte[] file)
    {
        var page = Upload(file, "名册.csv", "2020");
        page.Add(new StringContent(countyCode), "county");
        return
        [
            await client.GetAsync(new Uri("/register", UriKind.Relative)),
            await client.PostAsync(new Uri("/register", UriKind.Relative), page),
            await client.PostAsync(new Uri($"/register/{countyCode}/imports", UriKind.Relative), Upload(file, "名册.csv", "2020")),
            await client.GetAsync(new Uri($"/register/{countyCode}/imports/{Guid.NewGuid()}/errors.csv", UriKind.Relative)),
            await client.GetAsync(new Uri($"/register/{countyCode}/export.csv", UriKind.Relative)),
        ];
    }

    // A client of its own, so its sign-in is its own; given a principal, it sends it as App Service authentication does.
    private static HttpClient NoRedirects(RunningApp app, object? appServicePrincipal = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.Client.BaseAddress };
        if (appServicePrincipal is not null)
        {
            client.DefaultRequestHeaders.Add(AppServicePrincipal.PrincipalHeader, AppServicePrincipalTests.Header(appServicePrincipal));
        }

        return client;
    }

    private static async Task SignInAsync(HttpClient client, string demoUser)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = demoUser });
        using var response = await client.PostAsync(new Uri("/dev/signin", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private async Task<RunningApp> StartAsync()
    {
        var app = await RunningApp.StartAsync(("Storage:ConnectionString", azurite.ConnectionString), ("Register:StoragePrefix", _bed.Prefix));
        try
        {
            await app.SignInAsync();
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static MultipartFormDataContent Upload(byte[] file, string fileName, string? year)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", fileName } };
        if (year is not null)
        {
            form.Add(new StringContent(year), "year");
        }

        return form;
    }

    private static async Task AssertRefused(HttpStatusCode status, string reason, HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(reason, json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
