namespace Workflow.Domain.Monitoring;

/// <summary>One refused entry of a monthly check: the form field, and the zh-CN sentence that names it.</summary>
public sealed record CheckProblem(string Field, string Message);

/// <summary>
/// Refuses a monthly check that cannot be true: negative income, a visit dated in the future or before its month, a
/// month not yet begun, more deaths than the household has members. Each problem names its field in zh-CN.
/// </summary>
public static class MonthlyCheckValidator
{
    /// <summary>The longest 其他风险 text kept; enough for a paragraph.</summary>
    public const int MaxOtherLength = 500;

    /// <summary>The longest 监测人 name.</summary>
    public const int MaxNameLength = 20;

    /// <param name="householdSize">家庭人口数 as the register has it.</param>
    /// <param name="today">Today in Beijing.</param>
    public static IReadOnlyList<CheckProblem> Validate(MonthlyCheck check, int householdSize, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(check);
        var problems = new List<CheckProblem>();
        if (check.Month.FirstDay > today)
        {
            problems.Add(new("month", $"监测月份{check.Month}尚未开始，不能填报。"));
        }

        if (check.CheckedOn > today)
        {
            problems.Add(new("checkedOn", $"入户日期{check.CheckedOn:yyyy-MM-dd}晚于今天，请填写实际入户日期。"));
        }
        else if (check.CheckedOn < check.Month.FirstDay)
        {
            problems.Add(new("checkedOn", $"入户日期{check.CheckedOn:yyyy-MM-dd}早于监测月份{check.Month}，请填写本月的入户日期。"));
        }

        if (check.ExpectedPerCapitaNetIncome < 0)
        {
            problems.Add(new("income", "预计全年人均纯收入不能为负数。"));
        }

        if (check.Risks.MembersDied < 0)
        {
            problems.Add(new("membersDied", "死亡人数不能为负数。"));
        }
        else if (check.Risks.MembersDied > householdSize)
        {
            problems.Add(new("membersDied", $"死亡人数{check.Risks.MembersDied}超过家庭人口数{householdSize}。"));
        }

        if (check.Risks.Other is { Length: > MaxOtherLength })
        {
            problems.Add(new("other", $"其他风险不超过 {MaxOtherLength} 字。"));
        }

        if (string.IsNullOrWhiteSpace(check.CheckedBy) || check.CheckedBy.Length > MaxNameLength)
        {
            problems.Add(new("name", $"请填写监测人姓名（不超过 {MaxNameLength} 字）。"));
        }

        return problems;
    }
}
