using System.Globalization;

namespace Workflow.App.Projects;

/// <summary>A village's proposal (项目申报) as entered: township and village names, the project's name and its investment.</summary>
public sealed record ProjectForm(string? Township, string? Village, string? Name, decimal? Investment)
{
    /// <summary>The zh-CN problems of the form; empty when it can be entered.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Township) || string.IsNullOrWhiteSpace(Village))
        {
            problems.Add("请填写项目所在乡镇和村。");
        }

        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > 100)
        {
            problems.Add("请填写项目名称（不超过 100 字）。");
        }

        if (Investment is not > 0)
        {
            problems.Add("项目投资额必须大于 0 元。");
        }

        return problems;
    }

    /// <summary>Reads an amount in yuan as typed (commas allowed); null when it is not a number.</summary>
    public static decimal? Amount(string? text) =>
        decimal.TryParse(text?.Replace(",", "", StringComparison.Ordinal).Replace("，", "", StringComparison.Ordinal).Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
