using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Workflow.Domain.Rectification;
using Workflow.App.Rectification;
using Workflow.App.Rectification.Web;
using Workflow.App.Tests.Exits;
using Xunit;

namespace Workflow.App.Tests.Rectification;

/// <summary>
/// The ledger as people use it over HTTP: the county office enters and imports findings through the API, units and the
/// county verifier act only through the links in their inbox. Shared by the ledger's and the campaign's test beds
/// (their clients change when users sign in again or the app restarts, hence the functions).
/// </summary>
internal sealed partial class LedgerClient(Func<HttpClient> county, Func<HttpClient> anonymous, string countyCode, int defaultYear)
{
    private HttpClient County() => county();

    private HttpClient Anonymous() => anonymous();

    public string CountyCode => countyCode;

    public int Year => defaultYear;

    /// <summary>Enters a finding through the API; asserts it was taken (new or entered before).</summary>
    public async Task<RectificationItem> EnterAsync(FindingForm finding, int? year = null)
    {
        var response = await County().PostAsJsonAsync($"/api/counties/{CountyCode}/rectifications/{year ?? Year}", finding, LedgerTestBed.Json);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<RectificationItem>(LedgerTestBed.Json))!;
    }

    /// <summary>Uploads a findings file through the API, as the county office's import would.</summary>
    public async Task<HttpResponseMessage> PostImportAsync(string fileName, byte[] content, int? year = null)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xlsx", StringComparison.Ordinal)
            ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv");
        form.Add(file, RectificationApiEndpoints.FileField, fileName);
        return await County().PostAsync($"/api/counties/{CountyCode}/rectifications/{year ?? Year}/imports", form);
    }

    public async Task<FindingImportReport> ImportAsync(string fileName, byte[] content, int? year = null)
    {
        var response = await PostImportAsync(fileName, content, year);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<FindingImportReport>(LedgerTestBed.Json))!;
    }

    public async Task<IReadOnlyList<RectificationItem>> ListAsync(string query = "", int? year = null) =>
        (await County().GetFromJsonAsync<List<RectificationItem>>($"/api/counties/{CountyCode}/rectifications/{year ?? Year}{(query.Length == 0 ? string.Empty : "?" + query)}", LedgerTestBed.Json))!;

    public async Task<RectificationDetail> DetailAsync(string itemId) =>
        (await County().GetFromJsonAsync<RectificationDetail>($"/api/rectifications/{itemId}", LedgerTestBed.Json))!;

    /// <summary>Waits until the item satisfies <paramref name="condition"/> (the worker and the outbox run on their own).</summary>
    public async Task<RectificationDetail> WaitForAsync(string itemId, Func<RectificationDetail, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var detail = await DetailAsync(itemId);
            if (condition(detail))
            {
                return detail;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Item {itemId} did not reach: {what}. It is {detail.Item.Status} ({detail.Item.Stage}), round {detail.Item.Round}; history: " +
                            string.Join(" | ", detail.Timeline.Select(t => t.Text)));
            }

            await Task.Delay(100);
        }
    }

    public Task<RectificationDetail> WaitForStatusAsync(string itemId, RectificationStatus status) =>
        WaitForAsync(itemId, d => d.Item.Status == status, status.ToString());

    /// <summary>The newest link of <paramref name="kind"/> (submit or verify) in the recipient's inbox for the item and step, waiting for it.</summary>
    public async Task<string> WaitForLinkAsync(string itemId, string step, string recipient, string kind, int count = 1)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var links = await InboxLinksAsync(recipient, $"/rectify/{kind}/");
            var matching = links.Where(l => ExitTestBed.PayloadOf(l) is { } p && p.Subject == itemId && p.Step == step).ToList();
            if (matching.Count >= count)
            {
                // The inbox lists newest first.
                return matching[0];
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"No {kind} link for {itemId} / {step} reached {recipient}; the inbox has {links.Count} such links.");
            }

            await Task.Delay(100);
        }
    }

    public Task<string> SubmitLinkAsync(RectificationItem item, int round = 1, int count = 1) =>
        WaitForLinkAsync(item.ItemId, RectificationSteps.Submit(round), RectificationRecipients.Unit(item), "submit", count);

    public Task<string> VerifyLinkAsync(RectificationItem item, int round = 1) =>
        WaitForLinkAsync(item.ItemId, RectificationSteps.Verify(round), RectificationRecipients.CountyVerifier(item), "verify");

    /// <summary>Waits until a message containing <paramref name="text"/> is in the recipient's inbox; returns the inbox page.</summary>
    public async Task<string> WaitForInboxAsync(string recipient, string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var page = await Anonymous().GetStringAsync($"/inbox?recipient={Uri.EscapeDataString(recipient)}");
            if (page.Contains(WebUtility.HtmlEncode(text), StringComparison.Ordinal) || page.Contains(text, StringComparison.Ordinal))
            {
                return page;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No message with “{text}” reached {recipient}.");
            await Task.Delay(100);
        }
    }

    public async Task<List<string>> InboxLinksAsync(string recipient, string path)
    {
        var page = await Anonymous().GetStringAsync($"/inbox?recipient={Uri.EscapeDataString(recipient)}");
        return Href().Matches(page).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Where(h => h.Contains(path, StringComparison.Ordinal))
            .Select(h => new Uri(h).PathAndQuery).ToList();
    }

    /// <summary>The unit submits through its link, as on a phone: a statement, a name and (unless null) a photo.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string link, string comment = "已完成危房改造验收", string name = "李主任", byte[]? evidence = null, bool attach = true)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(comment), "comment" },
            { new StringContent(name), "name" },
        };
        if (attach)
        {
            var file = new ByteArrayContent(evidence ?? LedgerTestBed.Jpeg);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(file, "evidence", "验收照片.jpg");
        }

        return await PostAsync(link, form);
    }

    /// <summary>The county verifier decides through its link: close (销号) or send back with the comment as reason.</summary>
    public async Task<HttpResponseMessage> VerifyAsync(string link, bool close, string comment = "", string name = "张核验")
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(close ? "verify" : "send-back"), "decision" },
            { new StringContent(comment), "comment" },
            { new StringContent(name), "name" },
        };
        return await PostAsync(link, form);
    }

    /// <summary>
    /// Closes an item the way people do: the unit submits with evidence through the newest link it got for the item's
    /// current round, the county verifies through its link; returns once the item is 已销号.
    /// </summary>
    public async Task<RectificationDetail> CloseThroughLinksAsync(RectificationItem item)
    {
        var current = (await DetailAsync(item.ItemId)).Item;
        var submit = await SubmitLinkAsync(current, current.Round);
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(submit)).StatusCode);
        var verify = await VerifyLinkAsync(current, current.Round);
        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(verify, close: true, comment: "核验属实")).StatusCode);
        return await WaitForStatusAsync(item.ItemId, RectificationStatus.Closed);
    }

    private async Task<HttpResponseMessage> PostAsync(string link, HttpContent form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, link) { Content = form };
        request.Headers.UserAgent.ParseAdd("LedgerTests/1.0");
        return await Anonymous().SendAsync(request);
    }

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();
}
