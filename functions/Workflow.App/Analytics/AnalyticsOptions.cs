namespace Workflow.App.Analytics;

/// <summary>The <c>Analytics</c> settings: the household key secret, the feed's API keys and the daily export's time.</summary>
public sealed class AnalyticsOptions
{
    public const string Section = "Analytics";

    /// <summary>Base64, at least 16 bytes; the HMAC secret of <see cref="HouseholdPseudonyms"/>. Changing it re-keys every household.</summary>
    public string? HouseholdKeySecret { get; set; }

    /// <summary>API keys of the OData feed by id (a tool or a gateway that cannot sign in with Entra ID).</summary>
    public Dictionary<string, string> ApiKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>China time of day after which the day's export runs (on the timer's first tick past it).</summary>
    public TimeSpan DailyExportTime { get; set; } = new(2, 0, 0);
}
