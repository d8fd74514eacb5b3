namespace Workflow.App.Tests.Infrastructure;

/// <summary>What the templates must do with a configuration key.</summary>
internal enum SettingKind
{
    /// <summary>Set by the templates: the app needs it outside Development.</summary>
    Required,

    /// <summary>Set by the templates as a Key Vault reference that provisioning fills (postprovision hook).</summary>
    Secret,

    /// <summary>The code's default is right on Azure; the templates may set it (a channel, a tuning).</summary>
    Optional,

    /// <summary>Optional, and a secret: when the templates set it, it is a Key Vault reference (filled by hand).</summary>
    OptionalSecret,

    /// <summary>Never set by the templates: local only, provided by the platform, or other templates depend on its default.</summary>
    NotSet,
}

/// <summary>
/// Every configuration key the app reads and what it must be on Azure: the one place that says so. The tests hold the
/// templates to it (<see cref="AppSettingsTemplateTests"/>) and hold it to the code (<see cref="ConfigurationKeysInCode"/>):
/// a key the code starts reading fails until it is entered here, and a Required or Secret key fails until the
/// templates set it. <c>{id}</c> stands for any child key (a dictionary).
/// </summary>
internal static class AzureSettings
{
    public static readonly IReadOnlyDictionary<string, SettingKind> Keys = new Dictionary<string, SettingKind>(StringComparer.OrdinalIgnoreCase)
    {
        // Azurite's key locally; on Azure shared keys are off, the account is reached with the app's identity.
        ["Storage:ConnectionString"] = SettingKind.NotSet,
        ["Storage:AccountName"] = SettingKind.Required,

        // App Service sets it when its sign-in is on.
        ["WEBSITE_AUTH_ENABLED"] = SettingKind.NotSet,

        // The hub's name prefixes the tables, queues and containers the durable engine creates for itself.
        ["Durable:TaskHub"] = SettingKind.Required,

        // The hub in an account of its own is for a standalone host; on Azure it shares the app's account.
        ["Durable:Connection"] = SettingKind.NotSet,
        ["Durable:ControlVisibilityTimeout"] = SettingKind.Optional,
        ["Durable:ActivityVisibilityTimeout"] = SettingKind.Optional,
        ["Durable:PartitionCount"] = SettingKind.Optional,
        ["Durable:ExtendedSessions"] = SettingKind.Optional,
        ["Durable:MaxQueuePollingInterval"] = SettingKind.Optional,
        ["Durable:MaxConcurrentActivities"] = SettingKind.Optional,
        ["Durable:MaxConcurrentOrchestrations"] = SettingKind.Optional,
        ["Durable:TimerRecheckInterval"] = SettingKind.NotSet,

        ["Links:Keys:{id}"] = SettingKind.Secret,
        ["Links:CurrentKeyId"] = SettingKind.Required,
        ["Links:DefaultLifetime"] = SettingKind.Optional,

        // Behind the host the app listens on a loopback port, so links need the public address.
        ["Links:PublicBaseUrl"] = SettingKind.Required,

        ["Evidence:MaxBytes"] = SettingKind.Optional,
        ["Evidence:ReadLinkLifetime"] = SettingKind.Optional,

        ["Notifications:EventGrid:TopicEndpoint"] = SettingKind.Required,

        // What Event Grid's deliveries to /notifications/events must carry: generated once by the postprovision hook.
        ["Notifications:EventGrid:DeliveryKey"] = SettingKind.Secret,
        ["Notifications:Webhook:Url"] = SettingKind.OptionalSecret,
        ["Notifications:Webhook:Flavor"] = SettingKind.Optional,
        ["Notifications:Smtp:Host"] = SettingKind.Optional,
        ["Notifications:Smtp:Port"] = SettingKind.Optional,
        ["Notifications:Smtp:EnableSsl"] = SettingKind.Optional,
        ["Notifications:Smtp:From"] = SettingKind.Optional,
        ["Notifications:Smtp:UserName"] = SettingKind.Optional,
        ["Notifications:Smtp:Password"] = SettingKind.OptionalSecret,

        // The inbox is a local page; on Azure nobody could read it.
        ["Notifications:Inbox"] = SettingKind.NotSet,

        ["Exits:ObjectionsPerHour"] = SettingKind.Optional,
        ["Exits:BatchStartParallelism"] = SettingKind.Optional,

        ["Rectification:SupervisionWorkingDays"] = SettingKind.Optional,
        ["Funds:ReminderDaysBefore"] = SettingKind.Optional,
        ["Funds:SupervisionWorkingDays"] = SettingKind.Optional,
        ["Projects:ReminderDaysBefore"] = SettingKind.Optional,
        ["Funds:ReportWorkingDaysAfterMonthEnd"] = SettingKind.Optional,
        ["Monitoring:ReminderWorkingDaysBeforeMonthEnd"] = SettingKind.Optional,

        // A shortened notice is for trying the procedure locally; on Azure the procedure's 7 days hold.
        ["Exits:NoticePeriod"] = SettingKind.NotSet,

        // The storage module creates the register's tables under the default prefix.
        ["Register:StoragePrefix"] = SettingKind.NotSet,

        ["Demo:Load"] = SettingKind.NotSet,

        // The household pseudonym's HMAC secret: generated once, never rotated without a full export rebuild.
        ["Analytics:HouseholdKeySecret"] = SettingKind.Secret,
        ["Analytics:ApiKeys:{id}"] = SettingKind.OptionalSecret,
        ["Analytics:DailyExportTime"] = SettingKind.Optional,
    };

    /// <summary>The app setting for a configuration key: App Service turns "__" into the ":" of a configuration path.</summary>
    public static string SettingName(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
