namespace Workflow.App.Monitoring.Web;

/// <summary>A check form's entries as text, kept as they were typed so a refused post shows them again.</summary>
/// <param name="Secured">The guarantee fields ticked (food, clothing, …).</param>
/// <param name="Risks">The risk fields ticked (illness, disaster, lostWork).</param>
public sealed record EnteredCheck(string Name, string CheckedOn, string Income, IReadOnlySet<string> Secured, IReadOnlySet<string> Risks, string MembersDied, string Other)
{
    /// <summary>A fresh form: today's date, every guarantee ticked (most households keep them), no risk.</summary>
    public static EnteredCheck Fresh(DateOnly today) =>
        new(string.Empty, today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), string.Empty,
            MonitoringCheckPage.Guarantees.Select(g => g.Field).ToHashSet(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal), "0", string.Empty);
}
