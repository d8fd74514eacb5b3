using Workflow.Domain.Register;

namespace Workflow.Domain.Rectification;

/// <summary>The columns of a findings file (反馈问题清单), as imported and as the ledger exports them.</summary>
public static class FindingColumns
{
    public const string Source = "来源";
    public const string Category = "类别";
    public const string Description = "问题描述";
    public const string Township = "乡镇";
    public const string ResponsibleUnit = "责任单位";
    public const string Deadline = "整改时限";

    public static IReadOnlyList<string> InOrder { get; } = [Source, Category, Description, Township, ResponsibleUnit, Deadline];

    /// <summary>乡镇 is left empty for a county-wide finding.</summary>
    public static IReadOnlyList<string> Required { get; } = [Source, Category, Description, ResponsibleUnit, Deadline];

    /// <summary>Every required column present, none twice (headers normalised as <see cref="RegisterColumns.Normalise"/> does).</summary>
    public static IReadOnlyList<ImportError> CheckHeader(IEnumerable<string> headers, int line)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var errors = new List<ImportError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var header in headers.Select(RegisterColumns.Normalise).Where(h => h.Length > 0))
        {
            if (!seen.Add(header))
            {
                errors.Add(new ImportError(line, header, $"表头「{header}」重复出现"));
            }
        }

        errors.AddRange(Required.Where(c => !seen.Contains(c)).Select(c => new ImportError(line, c, $"缺少必填列「{c}」")));
        return errors;
    }
}
