using System.Globalization;

namespace Workflow.Domain.Register;

/// <summary>
/// Validates one parsed row of a register file (Chinese header → raw cell text) on its own: required cells, the
/// 身份证号 and its checksum, dates, numbers, enum terms and the township/village. Checks that need other rows
/// (duplicates, household consistency) belong to <see cref="RegisterImportBatch"/>.
/// </summary>
public sealed class RegisterRowValidator
{
    public const int MaxHouseholdSize = 30;

    /// <summary>建档立卡 began in 2014, so no registered household can have exited earlier.</summary>
    public const int FirstExitYear = 2014;

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyyMMdd", "yyyy.M.d", "yyyy年M月d日"];

    private readonly KnownPlaces _places;
    private readonly DateOnly _today;

    /// <param name="places">The county's townships and villages.</param>
    /// <param name="incomeYear">The year the income figures in the file are for.</param>
    /// <param name="today">The import date (Asia/Shanghai); birth dates and exit years may not be later.</param>
    public RegisterRowValidator(KnownPlaces places, int incomeYear, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(places);
        _places = places;
        IncomeYear = incomeYear;
        _today = today;
    }

    public int IncomeYear { get; }

    public RegisterRowResult Validate(IReadOnlyDictionary<string, string?> cells, int line)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var row = new RowReader(cells, line);

        var township = row.Required(RegisterColumns.Township);
        var village = row.Required(RegisterColumns.Village);
        var householdNumber = row.Required(RegisterColumns.HouseholdNumber);
        var headName = row.Required(RegisterColumns.HeadName);
        var memberName = row.Required(RegisterColumns.MemberName);
        var relationship = row.Term<Relationship>(RegisterColumns.Relationship, required: true);
        var id = ReadIdNumber(row);
        var declaredBirthDate = row.Date(RegisterColumns.BirthDate, DateFormats);
        var size = row.Integer(RegisterColumns.HouseholdSize, 1, MaxHouseholdSize, required: true);
        var cause = row.Term<PovertyCause>(RegisterColumns.PovertyCause, required: true);
        var status = row.Term<PovertyStatus>(RegisterColumns.PovertyStatus, required: true);
        var exitYear = row.Integer(RegisterColumns.ExitYear, FirstExitYear, _today.Year, required: false);
        var monitoring = row.Term<MonitoringCategory>(RegisterColumns.MonitoringCategory, required: false) ?? MonitoringCategory.None;
        var perCapita = row.Amount(RegisterColumns.PerCapitaNetIncome, required: true);
        var netIncome = row.Amount(RegisterColumns.NetIncome, required: false);
        var cadre = row.Required(RegisterColumns.ResponsibleCadre);

        if (township is not null && !_places.HasTownship(township))
        {
            row.Fail(RegisterColumns.Township, $"乡镇「{township}」不在本县乡镇名单中");
        }
        else if (township is not null && village is not null && !_places.HasVillage(township, village))
        {
            row.Fail(RegisterColumns.Village, $"行政村「{village}」不属于乡镇「{township}」");
        }

        if (relationship == Relationship.Head && memberName is not null && headName is not null && memberName != headName)
        {
            row.Fail(RegisterColumns.MemberName, "户主行的姓名应与户主姓名一致");
        }

        if (id is not null && declaredBirthDate is not null && declaredBirthDate != id.BirthDate)
        {
            row.Fail(RegisterColumns.BirthDate, "出生日期与身份证号中的出生日期不一致");
        }

        if (status == PovertyStatus.NotExited && exitYear is not null)
        {
            row.Fail(RegisterColumns.ExitYear, "未脱贫户不应填写脱贫年度");
        }
        else if (status is not null && status != PovertyStatus.NotExited && exitYear is null && !row.HasFailed(RegisterColumns.ExitYear))
        {
            row.Fail(RegisterColumns.ExitYear, "已脱贫户须填写脱贫年度");
        }

        if (row.Errors.Count > 0)
        {
            return RegisterRowResult.Invalid(row.Errors, householdNumber);
        }

        return RegisterRowResult.Valid(new RegisterRow(
            line, township!, village!, householdNumber!, headName!, new Member(memberName!, id!, relationship!.Value),
            size!.Value, cause!.Value, status!.Value, exitYear, monitoring, perCapita!.Value, netIncome, cadre!));
    }

    private ResidentIdNumber? ReadIdNumber(RowReader row)
    {
        var text = row.Required(RegisterColumns.IdNumber);
        if (text is null)
        {
            return null;
        }

        if (!ResidentIdNumber.TryParse(text, out var id, out var problem))
        {
            row.Fail(RegisterColumns.IdNumber, problem switch
            {
                ResidentIdProblem.WrongLength => $"身份证号应为18位，实际为{text.Length}位",
                ResidentIdProblem.InvalidCharacter => "身份证号只能由数字组成，最后一位可为X",
                ResidentIdProblem.UnknownRegion => "身份证号前两位不是有效的省级行政区划代码",
                ResidentIdProblem.InvalidBirthDate => "身份证号中的出生日期无效",
                // The expected character is not suggested: a wrong check character usually means a mistyped digit elsewhere.
                _ => "身份证号校验位错误，请核对号码是否录入有误",
            });
            return null;
        }

        if (id.BirthDate > _today)
        {
            row.Fail(RegisterColumns.IdNumber, "身份证号中的出生日期晚于导入日期");
            return null;
        }

        return id;
    }

    /// <summary>Reads cells of one row by normalised header and collects its errors.</summary>
    private sealed class RowReader
    {
        private readonly Dictionary<string, string> _cells = new(StringComparer.Ordinal);
        private readonly int _line;

        internal RowReader(IReadOnlyDictionary<string, string?> cells, int line)
        {
            _line = line;
            foreach (var (header, value) in cells)
            {
                var text = value?.Trim().Trim('\u3000');
                if (!string.IsNullOrEmpty(text))
                {
                    _cells[RegisterColumns.Normalise(header)] = text;
                }
            }
        }

        internal List<ImportError> Errors { get; } = [];

        internal void Fail(string column, string reason) => Errors.Add(new ImportError(_line, column, reason));

        internal bool HasFailed(string column) => Errors.Exists(e => e.Column == column);

        internal string? Optional(string column) => _cells.GetValueOrDefault(column);

        internal string? Required(string column)
        {
            var text = Optional(column);
            if (text is null)
            {
                Fail(column, $"{column}为必填项，不能为空");
            }

            return text;
        }

        internal TEnum? Term<TEnum>(string column, bool required) where TEnum : struct, Enum
        {
            var text = required ? Required(column) : Optional(column);
            if (text is null)
            {
                return null;
            }

            if (ChineseTerms.TryParse<TEnum>(text, out var value))
            {
                return value;
            }

            Fail(column, $"{column}「{text}」无法识别，可填：{string.Join("、", ChineseTerms.All<TEnum>())}");
            return null;
        }

        internal int? Integer(string column, int min, int max, bool required)
        {
            var text = required ? Required(column) : Optional(column);
            if (text is null)
            {
                return null;
            }

            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            Fail(column, $"{column}应为{min}至{max}之间的整数");
            return null;
        }

        /// <summary>Yuan, with optional thousands separators as spreadsheets format them.</summary>
        internal decimal? Amount(string column, bool required)
        {
            var text = required ? Required(column) : Optional(column);
            if (text is null)
            {
                return null;
            }

            if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                && value >= 0)
            {
                return value;
            }

            Fail(column, $"{column}应为不小于0的数字（单位：元）");
            return null;
        }

        internal DateOnly? Date(string column, string[] formats)
        {
            var text = Optional(column);
            if (text is null)
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            Fail(column, $"{column}「{text}」不是有效日期，应为如 2018-06-30 的格式");
            return null;
        }
    }
}
