namespace Workflow.Domain.Calendar;

/// <summary>
/// Dates in the documents are China dates: a deadline of 6月30日 ends at midnight in Beijing time, whatever zone the
/// server runs in. All instant ⇄ date conversions go through Asia/Shanghai (UTC+8, no daylight saving since 1991).
/// </summary>
public static class ShanghaiTime
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>The China calendar date of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>The instant a China calendar date begins; a deadline date is met before the start of the next day.</summary>
    public static DateTimeOffset StartOf(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }
}
