using System.Globalization;

namespace Workflow.App.Rectification;

/// <summary>How the ledger writes a date for people: 2018-09-30, whatever the server's culture.</summary>
internal static class LedgerFormat
{
    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
