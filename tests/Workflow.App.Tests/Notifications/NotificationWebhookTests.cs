using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflow.App.Notifications;
using Xunit;

namespace Workflow.App.Tests.Notifications;

/// <summary>
/// /notifications/events on the real app (Kestrel, Azurite): what Event Grid sends, as it sends it (CloudEvents JSON,
/// the delivery key as a header), and what must be refused. Deliveries reach a recording channel; every log line the
/// app writes is kept, to show that no payload and no key reaches the log.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class NotificationWebhookTests(AzuriteFixture azurite) : IAsyncLifetime, IDisposable
{
    private const string Key = "delivery-key-5f0c9d7e2b8a4c1e9f3d6a0b7c2e4f81";
    private const string Path = "/notifications/events";

    // In every payload, so a log line that quotes a payload is found. ASCII: the JSON on the wire escapes anything else.
    private readonly string _marker = $"payload-{Guid.NewGuid():N}";
    private readonly RecordingChannel _channel = new();
    private readonly LogCapture _log = new();
    private RunningApp _app = null!;

    public async Task InitializeAsync() =>
        _app = await RunningApp.StartAsync(
            builder =>
            {
                builder.Services.AddSingleton<INotificationChannel>(_channel);
                builder.Logging.AddProvider(_log);
            },
            ("Storage:ConnectionString", azurite.ConnectionString),
            (NotificationServices.InboxSetting, "false"),
            ("Notifications:EventGrid:DeliveryKey", Key));

    public void Dispose() => _log.Dispose();

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Assert.True(_log.Lines.Any(), "The log capture saw nothing: it would prove nothing about the log.");
        Assert.DoesNotContain(_log.Lines, line => line.Contains(Key, StringComparison.Ordinal) || line.Contains(_marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_single_event_and_a_batch_with_the_key_are_delivered_to_the_channels()
    {
        var single = Notification(NotificationKinds.DecisionAwaited);
        var batch = new[] { Notification(NotificationKinds.Reminder), Notification(NotificationKinds.CaseApproved) };

        using var first = await PostAsync(Wire(single), "application/cloudevents+json; charset=utf-8");
        using var second = await PostAsync(Wire(batch), "application/cloudevents-batch+json; charset=utf-8");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal([single.Id, .. batch.Select(m => m.Id)], _channel.Sent.Select(m => m.Id));
        Assert.Equal(single, _channel.Sent[0]);
    }

    [Fact]
    public async Task The_cloudevents_abuse_protection_handshake_allows_the_origin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, Path);
        request.Headers.Add("WebHook-Request-Origin", "eventgrid.azure.net");

        using var response = await _app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["eventgrid.azure.net"], response.Headers.GetValues("WebHook-Allowed-Origin"));
        Assert.Equal(["*"], response.Headers.GetValues("WebHook-Allowed-Rate"));

        using var withoutOrigin = await _app.Client.SendAsync(new HttpRequestMessage(HttpMethod.Options, Path));
        Assert.Equal(HttpStatusCode.BadRequest, withoutOrigin.StatusCode);
        Assert.False(withoutOrigin.Headers.Contains("WebHook-Allowed-Origin"));
    }

    [Fact]
    public async Task The_event_grid_schema_subscription_validation_is_answered_with_its_code()
    {
        var code = Guid.NewGuid().ToString();
        var validation = $$"""
            [{"id":"{{Guid.NewGuid()}}","topic":"/subscriptions/x/resourceGroups/rg/providers/Microsoft.EventGrid/topics/evgt","subject":"",
              "data":{"validationCode":"{{code}}","validationUrl":"https://rp-eastasia.eventgrid.azure.net/validate?code=x"},
              "eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","eventTime":"2026-12-07T01:00:00Z","metadataVersion":"1","dataVersion":"2"}]
            """;

        using var response = await PostAsync(validation, "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(code, body.RootElement.GetProperty("validationResponse").GetString());
        Assert.Empty(_channel.Sent);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("delivery-key-wrong")]
    [InlineData(Key + "x")]
    public async Task A_delivery_without_the_right_key_is_refused_and_nothing_is_delivered(string? presented)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(Wire(Notification(NotificationKinds.Escalated)), Encoding.UTF8, "application/cloudevents+json") };
        if (presented is not null)
        {
            request.Headers.Add(EventGridDeliveryOptions.HeaderName, presented);
        }

        using var response = await _app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("身份验证", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_channel.Sent);
        Assert.Contains(_log.Lines, line => line.Contains("refused", StringComparison.Ordinal) && line.Contains(EventGridDeliveryOptions.HeaderName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_batch_with_an_unknown_event_type_is_refused_whole_and_logged_by_type_and_id_only()
    {
        var known = Notification(NotificationKinds.TaskDue);
        var foreignId = $"evt-{Guid.NewGuid():N}";
        var foreign = new CloudEvent("/elsewhere", "cn.fupin.workflow.payment-sent", new { Text = _marker }) { Id = foreignId };
        // Our prefix and a known kind in the type, but a notification of another kind inside.
        var disguised = NotificationEvents.ToCloudEvent(Notification(NotificationKinds.CaseRejected));
        disguised.Type = NotificationKinds.TypePrefix + NotificationKinds.CaseApproved;

        using var unknown = await PostAsync(Wire([NotificationEvents.ToCloudEvent(known), foreign]), "application/cloudevents-batch+json");
        using var mismatched = await PostAsync(Wire([disguised]), "application/cloudevents-batch+json");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("未知的事件类型", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, mismatched.StatusCode);
        Assert.Empty(_channel.Sent);
        Assert.Contains(_log.Lines, line => line.Contains(foreignId, StringComparison.Ordinal) && line.Contains("cn.fupin.workflow.payment-sent", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"specversion\":\"1.0\",")]
    [InlineData("not json at all")]
    [InlineData("{\"id\":\"1\",\"source\":\"/x\"}")]
    [InlineData("[]")]
    public async Task A_malformed_body_is_refused_with_400(string body)
    {
        using var response = await PostAsync(body + $"\"{_marker}\"", "application/cloudevents+json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_channel.Sent);
    }

    private NotificationMessage Notification(string kind) => new(
        $"n-{Guid.NewGuid():N}", kind, "case-7", "乡镇审核人", $"待审核：{_marker}", $"请审核 {_marker} 的退出申请",
        new Uri("https://workflow.example/decide/t0k3n"), DateTimeOffset.UtcNow, "approver@example.cn");

    // As Event Grid delivers in CloudEventSchemaV1_0: structured JSON, one object or an array.
    private static string Wire(NotificationMessage message) => Wire(NotificationEvents.ToCloudEvent(message));

    private static string Wire(CloudEvent cloudEvent) => JsonSerializer.Serialize(cloudEvent);

    private static string Wire(IEnumerable<NotificationMessage> messages) => Wire([.. messages.Select(NotificationEvents.ToCloudEvent)]);

    private static string Wire(CloudEvent[] cloudEvents) => JsonSerializer.Serialize(cloudEvents);

    private async Task<HttpResponseMessage> PostAsync(string body, string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add(EventGridDeliveryOptions.HeaderName, Key);
        return await _app.Client.SendAsync(request);
    }

    private sealed class RecordingChannel : INotificationChannel
    {
        private readonly ConcurrentQueue<NotificationMessage> _sent = new();

        public string Name => "recording";

        public IReadOnlyList<NotificationMessage> Sent => [.. _sent];

        public Task SendAsync(NotificationMessage message, CancellationToken cancellationToken)
        {
            _sent.Enqueue(message);
            return Task.CompletedTask;
        }
    }

    /// <summary>Every log line at every level, formatted as a log sink would write it, with any exception's message.</summary>
    private sealed class LogCapture : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IEnumerable<string> Lines => _lines;

        public ILogger CreateLogger(string categoryName) => new Category(_lines, categoryName);

        public void Dispose()
        {
        }

        private sealed class Category(ConcurrentQueue<string> lines, string name) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel} {name}: {formatter(state, exception)} {exception}");
        }
    }
}
