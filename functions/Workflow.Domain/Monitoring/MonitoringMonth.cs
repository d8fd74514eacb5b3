using System.Globalization;
using System.Text.Json.Serialization;

namespace Workflow.Domain.Monitoring;

/// <summary>监测月份 — the calendar month (Beijing dates) a monthly check is for.</summary>
public readonly record struct MonitoringMonth
{
    [JsonConstructor]
    public MonitoringMonth(int year, int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 2000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        Year = year;
        Month = month;
    }

    public int Year { get; }

    public int Month { get; }

    public DateOnly FirstDay => new(Year, Month, 1);

    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    /// <summary>1 to 4: the quarter of the 一季一排查 this month belongs to.</summary>
    public int Quarter => ((Month - 1) / 3) + 1;

    /// <summary>yyyyMM, as instance ids and keys write it.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}{Month:D2}");

    public static MonitoringMonth Of(DateOnly date) => new(date.Year, date.Month);

    public MonitoringMonth Next() => Of(FirstDay.AddMonths(1));

    /// <summary>Reads yyyyMM or yyyy-MM; false for anything else.</summary>
    public static bool TryParse(string? text, out MonitoringMonth month)
    {
        month = default;
        var digits = (text ?? string.Empty).Replace("-", string.Empty, StringComparison.Ordinal);
        if (digits.Length != 6 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        var year = int.Parse(digits[..4], CultureInfo.InvariantCulture);
        var number = int.Parse(digits[4..], CultureInfo.InvariantCulture);
        if (year < 2000 || number is < 1 or > 12)
        {
            return false;
        }

        month = new MonitoringMonth(year, number);
        return true;
    }

    /// <summary>The three months of a quarter.</summary>
    public static IReadOnlyList<MonitoringMonth> OfQuarter(int year, int quarter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarter, 4);
        return [.. Enumerable.Range(((quarter - 1) * 3) + 1, 3).Select(m => new MonitoringMonth(year, m))];
    }

    /// <summary>2020年3月.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year}年{Month}月");
}
