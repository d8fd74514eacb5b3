using System.Globalization;
using Workflow.Domain.Register;

namespace Workflow.Domain.Rectification;

/// <summary>
/// Checks one row of a findings file, or one finding entered on a form: the source is one the county may name, the text
/// fields are present and not too long, the township (by code or name) is the county's, and the deadline is a date
/// in the campaign year or the next. Every problem is reported against its column with a zh-CN reason.
/// </summary>
public sealed class FindingRowValidator
{
    public const int MaxCategoryLength = 50;
    public const int MaxDescriptionLength = 1000;
    public const int MaxUnitLength = 50;

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyyMMdd", "yyyy.M.d", "yyyy年M月d日"];

    private readonly Dictionary<string, Township> _townships = new(StringComparer.Ordinal);
    private readonly int _year;
    private readonly FindingSourceChoices _sources;

    /// <param name="county">The county whose townships and sources a finding may name.</param>
    /// <param name="year">The campaign year the findings are for.</param>
    /// <param name="sources">The sources the county may name; by default the built-in ones and the county's shipped own.</param>
    public FindingRowValidator(County county, int year, FindingSourceChoices? sources = null)
    {
        ArgumentNullException.ThrowIfNull(county);
        _sources = sources ?? FindingSourceChoices.For(county.Code);
        foreach (var township in county.Townships)
        {
            _townships.TryAdd(township.Code, township);
            _townships.TryAdd(township.Name, township);
        }

        _year = year;
    }

    public FindingRowResult Validate(IReadOnlyDictionary<string, string?> cells, int line)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var text = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (header, value) in cells)
        {
            var cleaned = new string((value ?? string.Empty).Where(c => !char.IsControl(c) || c is '\n').ToArray()).Trim().Trim('\u3000');
            if (cleaned.Length > 0)
            {
                text[RegisterColumns.Normalise(header)] = cleaned;
            }
        }

        var errors = new List<ImportError>();
        string? Required(string column, int maxLength)
        {
            if (!text.TryGetValue(column, out var value))
            {
                errors.Add(new ImportError(line, column, $"{column}为必填项，不能为空"));
                return null;
            }

            if (value.Length > maxLength)
            {
                errors.Add(new ImportError(line, column, $"{column}不能超过{maxLength}字，实际为{value.Length}字"));
                return null;
            }

            return value;
        }

        FindingSource? source = null;
        string? sourceLabel = null;
        if (Required(FindingColumns.Source, MaxCategoryLength) is { } sourceText)
        {
            if (_sources.TryRead(sourceText, out var parsed, out sourceLabel))
            {
                source = parsed;
            }
            else
            {
                errors.Add(new ImportError(line, FindingColumns.Source, $"来源「{sourceText}」无法识别，本县可填：{_sources.Listed}"));
            }
        }

        var category = Required(FindingColumns.Category, MaxCategoryLength);
        var description = Required(FindingColumns.Description, MaxDescriptionLength);
        var unit = Required(FindingColumns.ResponsibleUnit, MaxUnitLength);

        Township? township = null;
        if (text.TryGetValue(FindingColumns.Township, out var townshipText) && !_townships.TryGetValue(townshipText, out township))
        {
            errors.Add(new ImportError(line, FindingColumns.Township, $"乡镇「{townshipText}」不在本县乡镇名单中（可填乡镇名称或代码，县级问题留空）"));
        }

        DateOnly? deadline = null;
        if (Required(FindingColumns.Deadline, 20) is { } deadlineText)
        {
            if (!DateOnly.TryParseExact(deadlineText, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors.Add(new ImportError(line, FindingColumns.Deadline, $"整改时限「{deadlineText}」不是有效日期，应为如 {_year}-09-30 的格式"));
            }
            else if (date.Year < _year || date.Year > _year + 1)
            {
                errors.Add(new ImportError(line, FindingColumns.Deadline, $"整改时限应在{_year}年或{_year + 1}年内"));
            }
            else
            {
                deadline = date;
            }
        }

        return errors.Count > 0
            ? new FindingRowResult(line, null, errors)
            : new FindingRowResult(line, new Finding(source!.Value, category!, description!, unit!, township?.Code, township?.Name, deadline!.Value, sourceLabel), []);
    }
}

/// <summary>One checked row: the finding, or the reasons it cannot be one.</summary>
public sealed record FindingRowResult(int Line, Finding? Finding, IReadOnlyList<ImportError> Errors);
