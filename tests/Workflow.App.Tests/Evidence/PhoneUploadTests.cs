using System.Net;
using System.Net.Http.Headers;
using Workflow.App.Tests.Exits;
using Workflow.Domain.Exits;
using Xunit;

namespace Workflow.App.Tests.Evidence;

/// <summary>
/// 手机上传: a photo as phone browsers send it, through a decision link on the running app. Some send a JPEG as
/// application/octet-stream, some with no type on the part at all; the content decides, so both are kept as image/jpeg.
/// </summary>
public sealed class PhoneUploadTests
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 1, 2, 3];

    [Fact]
    public async Task A_photo_sent_as_a_byte_stream_or_with_no_type_is_kept_as_the_jpeg_it_is_and_html_named_jpg_is_refused()
    {
        await using var bed = await ExitTestBed.StartAsync();
        var c = await bed.StartCaseAsync(2);
        var link = await bed.WaitForLinkAsync(c.CaseId, ExitProcedure.Appraisal, ExitTestBed.Recipient("VillageCommittee", c));

        var octetStream = await UploadAsync(bed, link, Jpeg, "IMG_0001.jpg", "application/octet-stream");
        var untyped = await UploadAsync(bed, link, Jpeg, "IMG_0002.jpg", contentType: null);
        var html = await UploadAsync(bed, link, "<html><script>alert(1)</script></html>"u8.ToArray(), "IMG_0003.jpg", "image/jpeg");
        var detail = await bed.DetailAsync(c.CaseId);

        Assert.Equal(HttpStatusCode.Redirect, octetStream.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, untyped.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, html.StatusCode);
        Assert.Contains("只接受 JPEG、PNG 图片或 PDF 文件", await html.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(["IMG_0001.jpg", "IMG_0002.jpg"], detail.Evidence.Select(e => e.FileName).Order(StringComparer.Ordinal));
        Assert.All(detail.Evidence, e => Assert.Equal("image/jpeg", e.ContentType));
    }

    private static async Task<HttpResponseMessage> UploadAsync(ExitTestBed bed, string link, byte[] content, string fileName, string? contentType)
    {
        var file = new ByteArrayContent(content);
        if (contentType is not null)
        {
            file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        using var form = new MultipartFormDataContent { { file, "evidence", fileName } };
        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = bed.Anonymous.BaseAddress };
        return await noRedirect.PostAsync($"{link}/evidence", form);
    }
}
