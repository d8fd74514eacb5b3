namespace Workflow.Functions.Notifications;

/// <summary>Standalone mode: sends what the outbox holds, every second, until the app stops.</summary>
public sealed class OutboxDispatcher(NotificationOutbox outbox, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Created inside the loop: a storage outage at start must not fault this service, which would stop the app.
        var created = false;
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                if (!created)
                {
                    await outbox.InitializeAsync(stoppingToken).ConfigureAwait(false);
                    created = true;
                }

                await outbox.DispatchPendingAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Reading the outbox failed; trying again.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
