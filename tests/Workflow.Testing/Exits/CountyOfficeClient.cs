using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflow.Testing.Exits;

/// <summary>
/// The county office (县扶贫办 王干事, CountyOfficer) on the app's API, signed in through the Development sign-in. A
/// restarted app may not read the old sign-in cookie, so an API call answered 401 signs in again and is repeated once.
/// </summary>
public sealed class CountyOfficeClient : IDisposable
{
    public const string User = "县扶贫办 王干事|CountyOfficer";

    /// <summary>Web defaults with enums as names, as the app writes them.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly HttpClient _client;

    public CountyOfficeClient(Uri address, TimeSpan timeout)
    {
        _client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = address,
            Timeout = timeout,
        };
    }

    public async Task SignInAsync(CancellationToken cancellationToken = default)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = User, ["returnUrl"] = "/" });
        using var response = await _client.PostAsync("/dev/signin", form, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Development sign-in answered {(int)response.StatusCode}; is the app running in Development?");
        }
    }

    public Task<HttpResponseMessage> PostAsJsonAsync<T>(string path, T body, CancellationToken cancellationToken = default) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Json) }, cancellationToken);

    public async Task<T> GetFromJsonAsync<T>(string path, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
               ?? throw new InvalidOperationException($"GET {path} answered null.");
    }

    public void Dispose() => _client.Dispose();

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        using (var first = request())
        {
            var response = await _client.SendAsync(first, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                return response;
            }

            response.Dispose();
        }

        await SignInAsync(cancellationToken);
        using var again = request();
        return await _client.SendAsync(again, cancellationToken);
    }
}
