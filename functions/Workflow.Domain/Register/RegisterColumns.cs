namespace Workflow.Domain.Register;

/// <summary>
/// The column layout of a county's register export (one row per household member, the household's facts repeated on
/// each of its rows). Import reads these headers and export writes them, in <see cref="InExportOrder"/>.
/// </summary>
public static class RegisterColumns
{
    public const string Township = "乡镇";
    public const string Village = "行政村";
    public const string HouseholdNumber = "户编号";
    public const string HeadName = "户主姓名";
    public const string MemberName = "姓名";
    public const string Relationship = "与户主关系";
    public const string IdNumber = "身份证号";
    public const string BirthDate = "出生日期";
    public const string HouseholdSize = "家庭人口数";
    public const string PovertyCause = "致贫原因";
    public const string PovertyStatus = "脱贫属性";
    public const string ExitYear = "脱贫年度";
    public const string MonitoringCategory = "监测类别";
    public const string PerCapitaNetIncome = "人均纯收入";
    public const string NetIncome = "家庭年纯收入";
    public const string ResponsibleCadre = "帮扶责任人";

    public static IReadOnlyList<string> InExportOrder { get; } =
    [
        Township, Village, HouseholdNumber, HeadName, MemberName, Relationship, IdNumber, BirthDate, HouseholdSize,
        PovertyCause, PovertyStatus, ExitYear, MonitoringCategory, PerCapitaNetIncome, NetIncome, ResponsibleCadre,
    ];

    /// <summary>出生日期 is implied by the 身份证号, 脱贫年度 only applies to exited households, 监测类别 defaults to 无.</summary>
    public static IReadOnlyList<string> Required { get; } =
    [
        Township, Village, HouseholdNumber, HeadName, MemberName, Relationship, IdNumber, HouseholdSize,
        PovertyCause, PovertyStatus, PerCapitaNetIncome, ResponsibleCadre,
    ];

    /// <summary>
    /// County templates mark required headers with '*' and spreadsheets leave BOMs and full-width spaces around
    /// them; none of that is part of the column's name.
    /// </summary>
    public static string Normalise(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return header.Trim().Trim('\uFEFF', '\u3000', '*', '＊').Trim();
    }

    /// <summary>Checks a file's header row: every required column present, no column twice.</summary>
    public static IReadOnlyList<ImportError> CheckHeader(IEnumerable<string> headers, int line)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var errors = new List<ImportError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var header in headers.Select(Normalise).Where(h => h.Length > 0))
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
