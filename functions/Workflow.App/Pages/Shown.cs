using System.Globalization;
using Workflow.Domain.Calendar;

namespace Workflow.App.Pages;

/// <summary>Values as a reader in the county reads them: Beijing time, to the minute; dates as yyyy-MM-dd.</summary>
public static class Shown
{
    public static string Time(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, ShanghaiTime.Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
