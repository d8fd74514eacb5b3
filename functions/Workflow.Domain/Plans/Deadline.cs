using System.Globalization;

namespace Workflow.Domain.Plans;

/// <summary>
/// 完成时限. The documents combine a date with “长期坚持” (ongoing), e.g. “6月30日、长期坚持”: reach the target by the
/// date, then keep it up; some give a start as well (“3月20日—4月30日”).
/// </summary>
public sealed record Deadline(DateOnly? From, DateOnly? Date, bool Ongoing)
{
    public bool IsSet => Date is not null || Ongoing;

    public override string ToString()
    {
        var parts = new List<string>();
        if (Date is { } date)
        {
            parts.Add(From is { } from ? $"{Format(from)}—{Format(date)}" : Format(date));
        }

        if (Ongoing)
        {
            parts.Add("长期坚持");
        }

        return string.Join("、", parts);
    }

    private static string Format(DateOnly date) => date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
}
