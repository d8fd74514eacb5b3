using Workflow.Domain.Register;

namespace Workflow.Domain.Tests.Register;

/// <summary>Rows as the file-parsing layer hands them over: Chinese header → raw cell text.</summary>
internal static class RegisterRows
{
    public const string Household = "5323311002000001";

    public static KnownPlaces Places { get; } = new([("碧城镇", "大箐村"), ("碧城镇", "小营村"), ("金山镇", "石坝村")]);

    public static DateOnly Today { get; } = new(2020, 12, 31);

    public static RegisterRowValidator Validator() => new(Places, 2020, Today);

    public static string Id(int sequence, int year = 1975) => IdNumbers.ForBirthDate(new DateOnly(year, 3, 14), sequence);

    /// <summary>A valid row for the head of a one-person household.</summary>
    public static Dictionary<string, string?> Head(string household = Household, string name = "李建国", int size = 1, int sequence = 11) =>
        new()
        {
            [RegisterColumns.Township] = "碧城镇",
            [RegisterColumns.Village] = "大箐村",
            [RegisterColumns.HouseholdNumber] = household,
            [RegisterColumns.HeadName] = name,
            [RegisterColumns.MemberName] = name,
            [RegisterColumns.Relationship] = "户主",
            [RegisterColumns.IdNumber] = Id(sequence),
            [RegisterColumns.BirthDate] = "1975-03-14",
            [RegisterColumns.HouseholdSize] = size.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [RegisterColumns.PovertyCause] = "因病",
            [RegisterColumns.PovertyStatus] = "已脱贫享受政策",
            [RegisterColumns.ExitYear] = "2018",
            [RegisterColumns.MonitoringCategory] = "无",
            [RegisterColumns.PerCapitaNetIncome] = "6,250.50",
            [RegisterColumns.NetIncome] = "",
            [RegisterColumns.ResponsibleCadre] = "王芳",
        };

    /// <summary>Another member of the household whose head row is <paramref name="head"/>.</summary>
    public static Dictionary<string, string?> MemberOf(Dictionary<string, string?> head, string name, string relationship, int sequence)
    {
        var row = new Dictionary<string, string?>(head)
        {
            [RegisterColumns.MemberName] = name,
            [RegisterColumns.Relationship] = relationship,
            [RegisterColumns.IdNumber] = Id(sequence, 1978),
            [RegisterColumns.BirthDate] = null,
        };
        return row;
    }

    public static Dictionary<string, string?> With(this Dictionary<string, string?> row, string column, string? value) =>
        new(row) { [column] = value };
}
