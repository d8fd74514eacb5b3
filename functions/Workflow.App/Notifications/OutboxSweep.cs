using Workflow.App.Hosting;

namespace Workflow.App.Notifications;

/// <summary>
/// 消息箱补发: sends what the immediate delivery missed (a failed send, or the messages of a process that stopped).
/// Every few seconds, by the timer function on Azure and the standalone scheduler locally.
/// </summary>
public sealed class OutboxSweep(NotificationOutbox outbox, TimeProvider time, ILogger<OutboxSweep> logger) : IScheduledWork
{
    public const string FunctionName = "OutboxSweep";

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    // Younger messages are left to the immediate delivery, which may still be sending them.
    private static readonly TimeSpan SweepAge = TimeSpan.FromSeconds(10);

    // Created on the first run, not at start: a storage outage at start must not stop the app.
    private volatile bool _created;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await outbox.InitializeAsync(cancellationToken).ConfigureAwait(false);
            _created = true;
        }

        var delivered = await outbox.DispatchPendingAsync(time.GetUtcNow() - SweepAge, cancellationToken).ConfigureAwait(false);
        if (delivered > 0)
        {
            logger.LogInformation("The outbox sweep delivered {Count} notifications", delivered);
        }
    }
}
