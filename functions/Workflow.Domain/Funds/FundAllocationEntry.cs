using System.Globalization;
using Workflow.Domain.Register;

namespace Workflow.Domain.Funds;

/// <summary>
/// Checks an allocation as the county entered it against the county's directory: a known township, a source, a 文号,
/// a date, and an amount greater than zero. Each problem is a zh-CN sentence; with any, nothing is entered.
/// </summary>
public static class FundAllocationEntry
{
    public const int MaxTextLength = 100;

    public static (FundAllocation? Allocation, IReadOnlyList<string> Problems) Read(FundAllocationForm form, County places)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(places);
        var problems = new List<string>();
        var name = form.Township?.Trim() ?? string.Empty;
        var township = places.Townships.FirstOrDefault(t => t.Name == name || t.Code == name);
        if (township is null)
        {
            problems.Add(name.Length == 0 ? "请填写乡镇。" : $"本县没有乡镇「{name}」。");
        }

        var source = Text(form.Source, "资金来源", problems);
        var number = Text(form.DocumentNumber, "文号", problems);
        if (!DateOnly.TryParseExact(form.Date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            problems.Add("请按 yyyy-MM-dd 填写分配日期，例如 2026-03-02。");
        }

        if (form.Amount is not { } amount)
        {
            problems.Add("请填写金额（元）。");
        }
        else if (PaymentCheck.Problem(amount, PaymentCheck.MaxAmount) is { } problem)
        {
            problems.Add(problem);
        }

        return problems.Count > 0
            ? (null, problems)
            : (new FundAllocation(FundAllocationId.Of(places.Code, township!.Code, number), places.Code, township.Code, township.Name, source, form.Amount!.Value, number, date), problems);
    }

    private static string Text(string? value, string label, List<string> problems)
    {
        var text = value?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            problems.Add($"请填写{label}。");
        }
        else if (text.Length > MaxTextLength || text.Any(char.IsControl))
        {
            problems.Add($"{label}不超过 {MaxTextLength} 字，且不能含换行等控制字符。");
        }

        return text;
    }
}
