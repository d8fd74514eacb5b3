using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Channels;

namespace Workflow.Testing.Exits;

/// <summary>
/// Approvers that act only as people with phones do: they read the local inbox (/inbox) over HTTP, open each new
/// decision link sent to one of their recipients once, and submit its form as the policy says. The crash tests and the
/// exit benchmark drive cases through this one class, so what the benchmark measures is what the tests check. It knows
/// nothing of the app's types: a link's token says what it is for (its middle part is base64url JSON).
/// </summary>
/// <remarks>
/// A POST that gets no answer (the app was killed mid-request, refused the connection, timed out, or failed with 5xx)
/// may or may not have been taken, so it is sent again until an answer comes: the link then reads AlreadyUsed if the
/// first one was taken. Every link is remembered by its id and never submitted again once answered.
/// </remarks>
public sealed partial class ScriptedApprovers : IAsyncDisposable
{
    private readonly HttpClient _client;
    private readonly HashSet<string> _recipients;
    private readonly Func<InboxLink, ApproverDecision?> _policy;
    private readonly ScriptedApproverOptions _options;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentDictionary<string, SeenLink> _seen = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Submission> _unanswered = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ApproverClick> _answered = new();
    private readonly Channel<Submission> _work = Channel.CreateUnbounded<Submission>();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private readonly Lock _watchLock = new();
    private readonly Dictionary<string, (string Step, string[] Recipients)> _awaiting = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _watched = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _latestStep = new(StringComparer.Ordinal);
    private int _watchTurn;
    private HttpListener? _webhook;
    private long _inboxReads;
    private long _inboxReadTicks;
    private int _outstanding;

    private ScriptedApprovers(HttpClient client, IEnumerable<string> recipients, Func<InboxLink, ApproverDecision?> policy, ScriptedApproverOptions options)
    {
        _client = client;
        _recipients = new HashSet<string>(recipients, StringComparer.Ordinal);
        _policy = policy;
        _options = options;
    }

    /// <summary>An address on a free port of 127.0.0.1 for <see cref="ScriptedApproverOptions.Webhook"/>.</summary>
    public static Uri FreeWebhookUrl()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/robot/");
    }

    /// <summary>The approvers' clock: the times in <see cref="Clicks"/> and <see cref="SeenLinks"/> are read from it.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Decision links taken up and not yet answered (waiting for a worker, being posted, or waiting to retry).</summary>
    public int Outstanding => Volatile.Read(ref _outstanding);

    /// <summary>Decision links submitted with an answer so far.</summary>
    public int AnsweredCount => _answered.Count;

    /// <summary>Reads of an inbox page that got an answer, and their average duration (the resolution of "first seen").</summary>
    public (long Count, TimeSpan Average) InboxReads
    {
        get
        {
            var count = Interlocked.Read(ref _inboxReads);
            return (count, count == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Interlocked.Read(ref _inboxReadTicks) / count));
        }
    }

    /// <summary>Every link seen in the inbox (decision and notice links, any recipient) with when it was first seen.</summary>
    public IReadOnlyList<(InboxLink Link, TimeSpan SeenAt)> SeenLinks => _seen.Values.Select(s => (s.Link, s.SeenAt)).ToList();

    /// <summary>
    /// Every decision link submitted, answered or not, with the time its case's next link was first seen. Links the
    /// policy declined are not here.
    /// </summary>
    public IReadOnlyList<ApproverClick> Clicks
    {
        get
        {
            var bySubject = _seen.Values.ToLookup(s => s.Link.Subject, StringComparer.Ordinal);
            TimeSpan? Next(InboxLink link, TimeSpan after) => bySubject[link.Subject]
                .Where(s => s.Link.Step != link.Step && s.SeenAt > after)
                .Select(s => (TimeSpan?)s.SeenAt)
                .Min();

            return _answered.Select(c => c with { NextLinkSeenAt = Next(c.Link, c.FirstPostAt) })
                .Concat(_unanswered.Values.Select(s => new ApproverClick(s.Link, s.Decision, s.SeenAt, s.FirstPostAt ?? s.SeenAt, null, s.Attempts, null, null,
                    Next(s.Link, s.FirstPostAt ?? s.SeenAt))))
                .ToList();
        }
    }

    /// <summary>Starts polling and submitting until disposed.</summary>
    /// <param name="client">Its BaseAddress is the app; no sign-in is needed (the link is the credential). Owned by the caller.</param>
    /// <param name="recipients">Whose decision links these approvers act on (role@place); others are only recorded as seen.</param>
    /// <param name="policy">The decision for a link; null leaves the link alone.</param>
    public static ScriptedApprovers Start(HttpClient client, IEnumerable<string> recipients, Func<InboxLink, ApproverDecision?> policy, ScriptedApproverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentNullException.ThrowIfNull(policy);
        if (client.BaseAddress is null)
        {
            throw new ArgumentException("The client needs a BaseAddress: the app's address.", nameof(client));
        }

        var approvers = new ScriptedApprovers(client, recipients, policy, options ?? new ScriptedApproverOptions());
        var token = approvers._stop.Token;
        if (approvers._options.Webhook is { } webhook)
        {
            approvers._webhook = new HttpListener();
            approvers._webhook.Prefixes.Add(webhook.AbsoluteUri);
            approvers._webhook.Start();
            approvers._loops.Add(Task.Run(() => approvers.ListenAsync(approvers._webhook, token), token));
        }
        else
        {
            approvers._loops.Add(Task.Run(() => approvers.PollAsync(token), token));
            approvers._loops.Add(Task.Run(() => approvers.SweepAsync(token), token));
        }

        if (approvers._options.NextRecipients is not null && approvers._options.Webhook is null)
        {
            for (var i = 0; i < approvers._options.WatchReaders; i++)
            {
                approvers._loops.Add(Task.Run(() => approvers.WatchAsync(token), token));
            }
        }

        for (var i = 0; i < approvers._options.Workers; i++)
        {
            approvers._loops.Add(Task.Run(() => approvers.SubmitAsync(token), token));
        }

        return approvers;
    }

    /// <summary>What a link's token says, read without checking its signature; null when the URL carries no token of that shape.</summary>
    public static InboxLink? Read(string pathAndQuery, string recipient)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var path = pathAndQuery.Split('?')[0];
        var parts = path[(path.LastIndexOf('/') + 1)..].Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var payload = JsonSerializer.Deserialize<TokenPayload>(Base64Url.DecodeFromChars(parts[1]));
            return payload is { LinkId: { } id, Purpose: { } purpose, Subject: { } subject, Step: { } step, Holder: { } holder }
                ? new InboxLink(pathAndQuery, recipient, id, purpose, subject, step, holder)
                : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _webhook?.Close();
        try
        {
            await Task.WhenAll(_loops);
        }
        catch (OperationCanceledException)
        {
            // Stopping is how the loops end.
        }

        _stop.Dispose();
    }

    private async Task ListenAsync(HttpListener listener, CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().WaitAsync(token);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = await JsonDocument.ParseAsync(context.Request.InputStream, cancellationToken: token);
            context.Response.StatusCode = 200;
            context.Response.Close();
            // WeCom puts the markdown in "content", DingTalk in "text".
            var markdown = body.RootElement.GetProperty("markdown");
            await ReceivePushAsync((markdown.TryGetProperty("content", out var content) ? content : markdown.GetProperty("text")).GetString() ?? string.Empty, token);
        }
    }

    private async Task PollAsync(CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            await ReadInboxAsync(null, token);
            await Task.Delay(_options.PollInterval, token);
        }
    }

    private async Task SweepAsync(CancellationToken token)
    {
        var recipients = _recipients.Order(StringComparer.Ordinal).ToList();
        while (!token.IsCancellationRequested)
        {
            foreach (var recipient in recipients)
            {
                await ReadInboxAsync(recipient, token);
                await Task.Delay(_options.SweepInterval, token);
            }

            if (recipients.Count == 0)
            {
                await Task.Delay(_options.SweepInterval, token);
            }
        }
    }

    /// <summary>Reads, in turn, the inboxes a case's next link is awaited in.</summary>
    private async Task WatchAsync(CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            string? recipient;
            lock (_watchLock)
            {
                recipient = _watched.Count == 0 ? null : _watched.Keys.ElementAt(_watchTurn++ % _watched.Count);
            }

            if (recipient is not null)
            {
                await ReadInboxAsync(recipient, token);
            }

            await Task.Delay(_options.WatchInterval, token);
        }
    }

    /// <summary>From now on the subject's next link is awaited in these inboxes (until a link for another step shows).</summary>
    private void Await(InboxLink link)
    {
        var recipients = _options.NextRecipients?.Invoke(link).ToArray() ?? [];
        lock (_watchLock)
        {
            Forget(link.Subject);
            if (recipients.Length == 0 || _latestStep.GetValueOrDefault(link.Subject) != link.Step)
            {
                // Nothing follows, or the next link has shown already (before this decision's answer came back).
                return;
            }

            _awaiting[link.Subject] = (link.Step, recipients);
            foreach (var recipient in recipients)
            {
                _watched[recipient] = _watched.GetValueOrDefault(recipient) + 1;
            }
        }
    }

    /// <summary>A link for the subject showed: what was awaited for an earlier step is no longer.</summary>
    private void Arrived(InboxLink link)
    {
        lock (_watchLock)
        {
            _latestStep[link.Subject] = link.Step;
            if (_awaiting.TryGetValue(link.Subject, out var awaited) && awaited.Step != link.Step)
            {
                Forget(link.Subject);
            }
        }
    }

    private void Forget(string subject)
    {
        if (!_awaiting.Remove(subject, out var awaited))
        {
            return;
        }

        foreach (var recipient in awaited.Recipients)
        {
            if (--_watched[recipient] == 0)
            {
                _watched.Remove(recipient);
            }
        }
    }

    private async Task ReadInboxAsync(string? recipient, CancellationToken token)
    {
        string page;
        var started = _clock.Elapsed;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
            timeout.CancelAfter(_options.RequestTimeout);
            page = await _client.GetStringAsync(recipient is null ? "/inbox" : $"/inbox?recipient={Uri.EscapeDataString(recipient)}", timeout.Token);
        }
        catch (Exception e) when (!token.IsCancellationRequested && e is HttpRequestException or OperationCanceledException or IOException)
        {
            // The app is down or restarting: read again on the next round.
            return;
        }

        var seenAt = _clock.Elapsed;
        Interlocked.Increment(ref _inboxReads);
        Interlocked.Add(ref _inboxReadTicks, (seenAt - started).Ticks);
        foreach (var item in page.Split("<li>").Skip(1))
        {
            if (Recipient().Match(item) is not { Success: true } to || Href().Match(item) is not { Success: true } href)
            {
                continue;
            }

            var address = WebUtility.HtmlDecode(href.Groups[1].Value);
            if (Read(PathAndQuery(address), WebUtility.HtmlDecode(to.Groups[1].Value)) is { } link)
            {
                await ArrivedAsync(link, seenAt, token);
            }
        }
    }

    /// <summary>A robot webhook post (WeCom or DingTalk markdown): the link in it, for its holder, seen now.</summary>
    private async Task ReceivePushAsync(string markdown, CancellationToken token)
    {
        var seenAt = _clock.Elapsed;
        foreach (Match href in MarkdownLink().Matches(markdown))
        {
            var pathAndQuery = PathAndQuery(href.Groups[1].Value);
            if (Read(pathAndQuery, string.Empty) is { } unaddressed)
            {
                await ArrivedAsync(unaddressed with { Recipient = unaddressed.Holder }, seenAt, token);
            }
        }
    }

    private async Task ArrivedAsync(InboxLink link, TimeSpan seenAt, CancellationToken token)
    {
        if (!_seen.TryAdd(link.LinkId, new SeenLink(link, seenAt)))
        {
            return;
        }

        Arrived(link);
        if (!link.IsDecision)
        {
            Await(link);
        }

        if (link.IsDecision && _recipients.Contains(link.Recipient) && _policy(link) is { } decision)
        {
            Interlocked.Increment(ref _outstanding);
            var submission = new Submission(link, decision, seenAt, null, 0);
            _unanswered[link.LinkId] = submission;
            await _work.Writer.WriteAsync(submission, token);
        }
    }

    private static string PathAndQuery(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : address;

    private async Task SubmitAsync(CancellationToken token)
    {
        while (await _work.Reader.WaitToReadAsync(token))
        {
            while (_work.Reader.TryRead(out var submission))
            {
                if (submission.Attempts == 0)
                {
                    await OpenAsync(submission.Link, token);
                }

                var postedAt = _clock.Elapsed;
                var sent = submission with { FirstPostAt = submission.FirstPostAt ?? postedAt, Attempts = submission.Attempts + 1 };
                var (status, refusal) = await PostAsync(sent, token);
                if (status is null or >= 500)
                {
                    _unanswered[sent.Link.LinkId] = sent;
                    _ = RetryLaterAsync(sent, token);
                    continue;
                }

                _unanswered.TryRemove(sent.Link.LinkId, out _);
                if (status == 200 || refusal == "AlreadyUsed")
                {
                    Await(sent.Link);
                }

                _answered.Enqueue(new ApproverClick(sent.Link, sent.Decision, sent.SeenAt, sent.FirstPostAt!.Value, _clock.Elapsed, sent.Attempts, status, refusal, null));
                Interlocked.Decrement(ref _outstanding);
            }
        }
    }

    private async Task RetryLaterAsync(Submission submission, CancellationToken token)
    {
        try
        {
            await Task.Delay(_options.RetryDelay, token);
            await _work.Writer.WriteAsync(submission, token);
        }
        catch (OperationCanceledException)
        {
            // Stopped: the submission stays unanswered in Clicks.
        }
    }

    /// <summary>Opens the link's page and reads it; a page that does not answer (the app restarting) is not waited for.</summary>
    private async Task OpenAsync(InboxLink link, CancellationToken token)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
            timeout.CancelAfter(_options.RequestTimeout);
            using var response = await _client.GetAsync(link.PathAndQuery, timeout.Token);
            await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (Exception e) when (!token.IsCancellationRequested && e is HttpRequestException or OperationCanceledException or IOException)
        {
            return;
        }

        await Task.Delay(_options.ReadingTime, token);
    }

    /// <returns>The answer's status and refusal; a null status when no answer came.</returns>
    private async Task<(int? Status, string? Refusal)> PostAsync(Submission submission, CancellationToken token)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(submission.Decision.Approve ? "approve" : "reject"), "decision" },
            { new StringContent(submission.Decision.Name), "name" },
            { new StringContent(submission.Decision.Comment ?? string.Empty), "comment" },
        };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
            timeout.CancelAfter(_options.RequestTimeout);
            using var response = await _client.PostAsync(submission.Link.PathAndQuery, form, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return ((int)response.StatusCode, Refusal().Match(body) is { Success: true } refusal ? refusal.Groups[1].Value : null);
        }
        catch (Exception e) when (!token.IsCancellationRequested && e is HttpRequestException or OperationCanceledException or IOException)
        {
            return (null, null);
        }
    }

    [GeneratedRegex("data-recipient=\"([^\"]+)\"")]
    private static partial Regex Recipient();

    [GeneratedRegex("<a href=\"([^\"]+)\"")]
    private static partial Regex Href();

    [GeneratedRegex(@"\]\((https?://[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex("data-refusal=\"([A-Za-z]+)\"")]
    private static partial Regex Refusal();

    private sealed record SeenLink(InboxLink Link, TimeSpan SeenAt);

    private sealed record Submission(InboxLink Link, ApproverDecision Decision, TimeSpan SeenAt, TimeSpan? FirstPostAt, int Attempts);

    private sealed record TokenPayload(string? LinkId, string? Purpose, string? Subject, string? Step, string? Holder);
}
