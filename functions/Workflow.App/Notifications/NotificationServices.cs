using Azure.Identity;
using Azure.Messaging.EventGrid;
using Workflow.App.Hosting;

namespace Workflow.App.Notifications;

/// <summary>
/// Wires notifications from configuration: the inbox in Development (it is how a local user follows a procedure),
/// a robot webhook and e-mail when configured, and Event Grid as the carrier when a topic is configured
/// (in-process delivery otherwise).
/// </summary>
public static class NotificationServices
{
    /// <summary>Whether messages are also kept in the local inbox; by default only in Development, the one place /inbox is served.</summary>
    public const string InboxSetting = "Notifications:Inbox";

    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection("Notifications");
        // Elsewhere nobody can read the inbox, and its two rows per message were 16 of the exit benchmark's 247 storage operations per case.
        if (configuration.GetValue(InboxSetting, environment.IsDevelopment()))
        {
            services.AddSingleton<InboxChannel>();
            services.AddSingleton<INotificationChannel>(provider => provider.GetRequiredService<InboxChannel>());
        }

        var webhook = section.GetSection("Webhook").Get<WebhookOptions>();
        if (webhook?.Url is not null)
        {
            services.AddHttpClient<WebhookChannel>();
            services.AddSingleton(webhook);
            services.AddSingleton<INotificationChannel>(provider => provider.GetRequiredService<WebhookChannel>());
        }

        var smtp = section.GetSection("Smtp").Get<SmtpOptions>();
        if (!string.IsNullOrEmpty(smtp?.Host))
        {
            services.AddSingleton(smtp);
            services.AddSingleton<INotificationChannel, SmtpChannel>();
        }

        services.AddSingleton<NotificationSender>();
        // The key Event Grid's deliveries to NotificationWebhook carry (a Key Vault reference on Azure).
        services.AddOptions<EventGridDeliveryOptions>().Bind(section.GetSection("EventGrid"));
        if (section["EventGrid:TopicEndpoint"] is { Length: > 0 } topic)
        {
            services.AddSingleton(new EventGridPublisherClient(new Uri(topic), new DefaultAzureCredential()));
            services.AddSingleton<INotificationPublisher, EventGridNotificationPublisher>();
        }
        else
        {
            services.AddSingleton<INotificationPublisher, InProcessNotificationPublisher>();
        }

        services.AddSingleton<NotificationOutbox>();
        services.AddHostedService<OutboxDispatcher>();
        services.AddScheduledWork<OutboxSweep>(OutboxSweep.FunctionName, OutboxSweep.Interval);
        return services;
    }
}
