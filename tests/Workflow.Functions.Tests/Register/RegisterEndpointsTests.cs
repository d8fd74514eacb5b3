using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Workflow.Domain.Register;
using Xunit;

namespace Workflow.Functions.Tests.Register;

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

    private Task<RunningApp> StartAsync() =>
        RunningApp.StartAsync(("Storage:ConnectionString", azurite.ConnectionString), ("Register:StoragePrefix", _bed.Prefix));

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
