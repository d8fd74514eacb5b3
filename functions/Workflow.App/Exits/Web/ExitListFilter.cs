using Workflow.Domain.Exits;
using Workflow.Domain.Register;

namespace Workflow.App.Exits.Web;

/// <summary>
/// The filters of a county's case list as a URL gives them (the list page's form, the console's links, the API), read
/// as text so a value nobody offered is refused with a zh-CN message naming the ones that work — not a binding
/// failure's exception page. Township by name or code, step and status by name or code, overdue true or false.
/// </summary>
public sealed record ExitListFilter(string CountyCode, string? TownshipCode, string? Step, ExitCaseStatus? Status, bool? Overdue)
{
    /// <summary>The steps a case can be waiting at, in the national order, with the objection review after the notice.</summary>
    public static IReadOnlyList<(string Code, string Name)> Steps { get; } = StepsOf(ExitProcedureCatalog.National);

    /// <summary>How much of a refused value the message repeats: enough to recognise it.</summary>
    private const int QuotedLength = 30;

    /// <summary>The exit cases matching the filter (entry cases share the table and have their own list, /exits/entries).</summary>
    public ExitCaseQuery Query => new(CountyCode, TownshipCode, Step, Status, Overdue, Kind: CaseKind.Exit);

    /// <param name="places">The county's townships, when it is registered: a township is then found by name or code.</param>
    /// <returns>The filter, or the zh-CN reason it cannot be read.</returns>
    public static (ExitListFilter? Filter, string? Problem) Parse(string countyCode, string? township, string? step, string? status, string? overdue, County? places)
    {
        township = Blank(township);
        string? townshipCode = township;
        if (township is not null && places is not null)
        {
            townshipCode = places.Townships.FirstOrDefault(t => t.Code == township || t.Name == township)?.Code;
            if (townshipCode is null)
            {
                return (null, $"乡镇{Quoted(township)}不在{places.Name}。可选：{string.Join("、", places.Townships.Select(t => t.Name))}（也可填乡镇代码）。");
            }
        }

        step = Blank(step);
        var stepCode = step is null ? null : Steps.FirstOrDefault(s => s.Code == step || s.Name == step).Code;
        if (step is not null && stepCode is null)
        {
            return (null, $"环节{Quoted(step)}无法识别。可选：{string.Join("、", Steps.Select(s => s.Name))}。");
        }

        status = Blank(status);
        ExitCaseStatus? statusValue = null;
        if (status is not null)
        {
            statusValue = Enum.GetValues<ExitCaseStatus>().Select(s => (ExitCaseStatus?)s)
                .FirstOrDefault(s => string.Equals(s.ToString(), status, StringComparison.OrdinalIgnoreCase) || s!.Value.ChineseName() == status);
            if (statusValue is null)
            {
                return (null, $"状态{Quoted(status)}无法识别。可选：{string.Join("、", Enum.GetValues<ExitCaseStatus>().Select(s => $"{s.ChineseName()}（{s}）"))}。");
            }
        }

        overdue = Blank(overdue);
        bool? overdueOnly = null;
        if (overdue is not null)
        {
            if (!bool.TryParse(overdue, out var value))
            {
                return (null, $"“仅超期”（overdue）的值{Quoted(overdue)}无法识别：只能是 true（仅超期）或 false（全部）。");
            }

            overdueOnly = value;
        }

        return (new ExitListFilter(countyCode, townshipCode, stepCode, statusValue, overdueOnly), null);
    }

    private static List<(string Code, string Name)> StepsOf(ExitProcedure procedure)
    {
        var steps = new List<(string Code, string Name)>();
        foreach (var step in procedure.Steps)
        {
            steps.Add((step.Code, step.Name));
            if (step.Code == ExitProcedure.Notice)
            {
                steps.Add((ExitProcedure.ObjectionReviewCode, procedure.ObjectionReview.Name));
            }
        }

        return steps;
    }

    private static string Quoted(string value) => value.Length <= QuotedLength ? $"“{value}”" : $"“{value[..QuotedLength]}…”";

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
