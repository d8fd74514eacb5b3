namespace Workflow.Functions.Notifications;

/// <summary>
/// Standalone mode: sends each notification as this process records it, and sweeps the outbox every few seconds for
/// what that missed (a failed send, or the messages of a process that was stopped), until the app stops.
/// </summary>
public sealed class OutboxDispatcher(NotificationOutbox outbox, TimeProvider time, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(5);

    // Younger messages are left to the immediate delivery, which may still be sending them.
    private static readonly TimeSpan SweepAge = TimeSpan.FromSeconds(10);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(outbox.DeliverRecordedAsync(stoppingToken), SweepAsync(stoppingToken));

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        // Created inside the loop: a storage outage at start must not fault this service, which would stop the app.
        var created = false;
        using var timer = new PeriodicTimer(SweepInterval);
        do
        {
            try
            {
                if (!created)
                {
                    await outbox.InitializeAsync(stoppingToken).ConfigureAwait(false);
                    created = true;
                }

                await outbox.DispatchPendingAsync(time.GetUtcNow() - SweepAge, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Reading the outbox failed; trying again.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
