namespace Workflow.Domain.Calendar;

/// <summary>
/// Working days were asked for in a year without a holiday schedule. Guessing from weekends alone would silently
/// count festival days as working days, so the calendar refuses instead.
/// </summary>
public sealed class CalendarYearNotAvailableException : Exception
{
    public CalendarYearNotAvailableException(int year, IEnumerable<int> availableYears)
        : base($"No holiday schedule for {year}; working days can only be computed for {string.Join(", ", availableYears)}.")
    {
        Year = year;
    }

    public int Year { get; }
}
