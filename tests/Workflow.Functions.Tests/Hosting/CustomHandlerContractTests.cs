using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Workflow.Functions.Hosting.CustomHandler;
using Workflow.Functions.Notifications;
using Xunit;

namespace Workflow.Functions.Tests.Hosting;

/// <summary>
/// The custom-handler contract without the Functions host: the app runs in custom-handler mode on real Kestrel and
/// Azurite, and the test posts what the host would post for each trigger kind, then checks the answer and the effect.
/// The class has an Azurite of its own, so no standalone app of another test sweeps or polls what these tests leave.
/// </summary>
public sealed class CustomHandlerContractTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Timer_invocation_runs_the_outbox_sweep()
    {
        await using var app = await HostedApp.StartAsync(azurite, customHandler: true);
        var recipient = $"审批人{Guid.NewGuid():N}";
        var message = new NotificationMessage($"n-{Guid.NewGuid():N}", NotificationKinds.DecisionAwaited, "case-1", recipient, "待审核", "张三户待乡镇审核", null, DateTimeOffset.UtcNow);
        // Recorded a minute ago by another process that stopped before sending it: only the sweep can deliver it now.
        var stopped = new NotificationOutbox(azurite.Tables, new UnusedPublisher(), new SteppedClock(DateTimeOffset.UtcNow.AddMinutes(-1)), NullLogger<NotificationOutbox>.Instance);
        await stopped.InitializeAsync(default);
        await stopped.RecordAsync(message, default);
        var inbox = app.Services.GetRequiredService<InboxChannel>();
        Assert.Empty(await inbox.ReadAsync(recipient, 10, default));

        var (status, body) = await app.InvokeAsync(OutboxSweep.FunctionName, HostInvocations.Timer(OutboxSweep.FunctionName, pastDue: true));

        Assert.Equal(200, status);
        Assert.Equal($"{OutboxSweep.FunctionName} ran late (past due).", Assert.Single(HostedApp.AssertInvocationResponse(body)));
        Assert.Equal(message.Id, Assert.Single(await inbox.ReadAsync(recipient, 10, default)).Id);
    }

    [Theory]
    [InlineData(Workflow.Functions.Links.KeptDecisionRedelivery.FunctionName)]
    public async Task Every_timer_function_answers_the_host(string function)
    {
        await using var app = await HostedApp.StartAsync(azurite, customHandler: true);

        // Exit storage is created in the background at start: until it exists a run fails, and the host's next tick retries.
        var (status, body) = await app.InvokeAsync(function, HostInvocations.Timer(function, pastDue: false));
        for (var attempt = 0; status != 200 && attempt < 20; attempt++)
        {
            await Task.Delay(250);
            (status, body) = await app.InvokeAsync(function, HostInvocations.Timer(function, pastDue: false));
        }

        Assert.Equal(200, status);
        Assert.Equal($"{function} ran.", Assert.Single(HostedApp.AssertInvocationResponse(body)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Event_grid_notification_is_delivered_to_the_channels(bool hostEncoded)
    {
        await using var app = await HostedApp.StartAsync(azurite, customHandler: true);
        var recipient = $"村委会{Guid.NewGuid():N}";
        var message = new NotificationMessage($"n-{Guid.NewGuid():N}", NotificationKinds.NoticeStarted, "case-2", recipient, "公示开始", "请张贴公示", new Uri("http://127.0.0.1/notices/t"), DateTimeOffset.UtcNow);
        var eventJson = JsonSerializer.Serialize(NotificationEvents.ToCloudEvent(message));

        var (status, body) = await app.InvokeAsync(CustomHandlerEndpoints.NotificationDeliveryFunction,
            HostInvocations.EventGrid(CustomHandlerEndpoints.NotificationDeliveryFunction, eventJson, hostEncoded));

        Assert.Equal(200, status);
        Assert.Contains(message.Id, Assert.Single(HostedApp.AssertInvocationResponse(body)), StringComparison.Ordinal);
        var received = Assert.Single(await app.Services.GetRequiredService<InboxChannel>().ReadAsync(recipient, 10, default));
        Assert.Equal(message.Text, received.Text);
    }

    [Fact]
    public async Task Event_grid_event_that_is_not_a_notification_is_refused()
    {
        await using var app = await HostedApp.StartAsync(azurite, customHandler: true);
        var foreign = """{"specversion":"1.0","id":"e-1","source":"/elsewhere","type":"com.example.other","data":{"x":1}}""";

        var (status, body) = await app.InvokeAsync(CustomHandlerEndpoints.NotificationDeliveryFunction,
            HostInvocations.EventGrid(CustomHandlerEndpoints.NotificationDeliveryFunction, foreign, hostEncoded: true));

        Assert.Equal(400, status);
        Assert.Contains("com.example.other", Assert.Single(HostedApp.AssertInvocationResponse(body)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Event_grid_delivery_that_fails_answers_500_so_event_grid_delivers_again()
    {
        await using var app = await HostedApp.StartAsync(azurite, customHandler: true,
            builder => builder.Services.AddSingleton<INotificationChannel, BrokenChannel>());
        var message = new NotificationMessage($"n-{Guid.NewGuid():N}", NotificationKinds.Reminder, "case-3", "乡镇审核人", "提醒", "请尽快审核", null, DateTimeOffset.UtcNow);

        var (status, body) = await app.InvokeAsync(CustomHandlerEndpoints.NotificationDeliveryFunction,
            HostInvocations.EventGrid(CustomHandlerEndpoints.NotificationDeliveryFunction, JsonSerializer.Serialize(NotificationEvents.ToCloudEvent(message)), hostEncoded: true));

        Assert.Equal(500, status);
        Assert.Equal($"{CustomHandlerEndpoints.NotificationDeliveryFunction} failed: {nameof(HttpRequestException)}", Assert.Single(HostedApp.AssertInvocationResponse(body)));
    }

    private sealed class UnusedPublisher : INotificationPublisher
    {
        public Task PublishAsync(Azure.Messaging.CloudEvent cloudEvent, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The stopped process publishes nothing.");
    }

    private sealed class BrokenChannel : INotificationChannel
    {
        public string Name => "broken";

        public Task SendAsync(NotificationMessage message, CancellationToken cancellationToken) =>
            throw new HttpRequestException("The robot webhook answered 502.");
    }
}
