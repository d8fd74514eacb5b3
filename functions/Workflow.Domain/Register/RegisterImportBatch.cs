namespace Workflow.Domain.Register;

/// <summary>
/// Accumulates the rows of one import file and assembles households from them. Beyond the per-row checks it catches
/// a 身份证号 twice in the file or already registered in another household, rows of one 户编号 that disagree on the
/// household's facts, households whose member rows do not add up, and a household that would give its 帮扶责任人 more
/// households than the county's <see cref="CadreLimit"/> (<see cref="CadreLoads"/>).
/// </summary>
/// <remarks>
/// A household is imported whole or not at all: importing it without a rejected member would understate its size
/// and per-capita income. Every row of a held-back household is reported, so each line of the file is either
/// imported or in the error report. A member already registered in the same household is not a duplicate, which is
/// what makes importing the same file twice change nothing.
/// </remarks>
public sealed class RegisterImportBatch
{
    private readonly RegisterRowValidator _validator;
    private readonly IReadOnlyDictionary<ResidentIdNumber, string> _registeredHouseholdOf;
    private readonly CadreLimit _cadreLimit;
    private readonly IReadOnlyDictionary<string, Cadre> _registeredCadreOf;
    private readonly Dictionary<ResidentIdNumber, int> _lineOfId = [];
    private readonly Dictionary<string, HouseholdRows> _households = new(StringComparer.Ordinal);
    private readonly List<HouseholdRows> _householdsInFileOrder = [];
    private readonly List<ImportError> _errors = [];
    private int _rowCount;

    /// <param name="validator">Validates each row on its own.</param>
    /// <param name="registeredHouseholdOf">The 户编号 each already registered member belongs to.</param>
    /// <param name="cadreLimit">The county's limit on households per 帮扶责任人; <see cref="CadreLimit.Default"/> when null.</param>
    /// <param name="registeredCadreOf">The 帮扶责任人 of each household already on the register, by 户编号; none when null.</param>
    public RegisterImportBatch(
        RegisterRowValidator validator,
        IReadOnlyDictionary<ResidentIdNumber, string> registeredHouseholdOf,
        CadreLimit? cadreLimit = null,
        IReadOnlyDictionary<string, Cadre>? registeredCadreOf = null)
    {
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(registeredHouseholdOf);
        _validator = validator;
        _registeredHouseholdOf = registeredHouseholdOf;
        _cadreLimit = cadreLimit ?? CadreLimit.Default;
        _registeredCadreOf = registeredCadreOf ?? new Dictionary<string, Cadre>(StringComparer.Ordinal);
    }

    /// <summary>Adds one data row; returns the errors found for it so far (household-level ones come from <see cref="Complete"/>).</summary>
    public IReadOnlyList<ImportError> Add(IReadOnlyDictionary<string, string?> cells, int line)
    {
        _rowCount++;
        var result = _validator.Validate(cells, line);
        var errors = result.Errors.ToList();
        if (result.IsValid)
        {
            errors.AddRange(CheckAgainstOthers(result.Row));
        }

        var household = result.HouseholdNumber is null ? null : HouseholdRowsFor(result.HouseholdNumber);
        if (errors.Count > 0)
        {
            household?.RejectedLines.Add(line);
        }
        else
        {
            _lineOfId.Add(result.Row!.Member.IdNumber, line);
            household!.Rows.Add(result.Row);
        }

        _errors.AddRange(errors);
        return errors;
    }

    public RegisterImportOutcome Complete()
    {
        var imported = new List<ImportedHousehold>();
        var errors = new List<ImportError>(_errors);
        var problemsOf = _householdsInFileOrder.ToDictionary(h => h, HouseholdProblems);
        bool Sound(HouseholdRows h) => h.Rows.Count > 0 && h.RejectedLines.Count == 0 && problemsOf[h].Count == 0;

        // The cadre's load is counted last, over the households that pass every other check: a household held back
        // for a bad row does not take one of its cadre's places.
        var loads = new CadreLoads(_cadreLimit, _registeredCadreOf,
            _householdsInFileOrder.Where(Sound).Select(h => (h.Rows[0].HouseholdNumber, Cadre.Of(h.Rows[0]))).ToList());
        foreach (var household in _householdsInFileOrder)
        {
            var problems = problemsOf[household];
            if (Sound(household) && loads.Assign(household.Rows[0].HouseholdNumber, Cadre.Of(household.Rows[0])) is { } refusal)
            {
                problems.Add(new ImportError(household.Rows[0].Line, RegisterColumns.ResponsibleCadre, refusal));
            }

            errors.AddRange(problems);
            var failedLines = household.RejectedLines.Concat(problems.Select(p => p.Line)).Distinct().Order().ToList();
            if (failedLines.Count == 0)
            {
                imported.Add(Assemble(household));
                continue;
            }

            var note = $"同户第{string.Join("、", failedLines)}行有误，整户未导入";
            errors.AddRange(household.Rows
                .Where(r => !failedLines.Contains(r.Line))
                .Select(r => new ImportError(r.Line, RegisterColumns.HouseholdNumber, note)));
        }

        var columnOrder = RegisterColumns.InExportOrder.ToList();
        var ordered = errors.OrderBy(e => e.Line).ThenBy(e => columnOrder.IndexOf(e.Column)).ToList();
        return new RegisterImportOutcome(imported, ordered, _rowCount);
    }

    private IEnumerable<ImportError> CheckAgainstOthers(RegisterRow row)
    {
        var id = row.Member.IdNumber;
        if (_lineOfId.TryGetValue(id, out var earlierLine))
        {
            yield return new ImportError(row.Line, RegisterColumns.IdNumber, $"身份证号与第{earlierLine}行重复");
        }
        else if (_registeredHouseholdOf.TryGetValue(id, out var registeredIn) && registeredIn != row.HouseholdNumber)
        {
            yield return new ImportError(row.Line, RegisterColumns.IdNumber, $"身份证号已登记在户编号{registeredIn}中");
        }

        var first = _households.GetValueOrDefault(row.HouseholdNumber)?.Rows.FirstOrDefault();
        if (first is null)
        {
            yield break;
        }

        foreach (var column in DisagreeingColumns(first, row))
        {
            yield return new ImportError(row.Line, column, $"{column}与同户第{first.Line}行不一致");
        }
    }

    private static IEnumerable<string> DisagreeingColumns(RegisterRow first, RegisterRow row)
    {
        if (first.Township != row.Township) yield return RegisterColumns.Township;
        if (first.Village != row.Village) yield return RegisterColumns.Village;
        if (first.HeadName != row.HeadName) yield return RegisterColumns.HeadName;
        if (first.DeclaredSize != row.DeclaredSize) yield return RegisterColumns.HouseholdSize;
        if (first.Cause != row.Cause) yield return RegisterColumns.PovertyCause;
        if (first.Status != row.Status) yield return RegisterColumns.PovertyStatus;
        if (first.ExitYear != row.ExitYear) yield return RegisterColumns.ExitYear;
        if (first.Monitoring != row.Monitoring) yield return RegisterColumns.MonitoringCategory;
        if (first.PerCapitaNetIncome != row.PerCapitaNetIncome) yield return RegisterColumns.PerCapitaNetIncome;
        if (first.NetIncome != row.NetIncome) yield return RegisterColumns.NetIncome;
        if (first.ResponsibleCadre != row.ResponsibleCadre) yield return RegisterColumns.ResponsibleCadre;
    }

    private static List<ImportError> HouseholdProblems(HouseholdRows household)
    {
        var problems = new List<ImportError>();
        if (household.Rows.Count == 0 || household.RejectedLines.Count > 0)
        {
            return problems;
        }

        var first = household.Rows[0];
        var heads = household.Rows.Where(r => r.Member.Relationship == Relationship.Head).ToList();
        if (heads.Count == 0)
        {
            problems.Add(new ImportError(first.Line, RegisterColumns.Relationship, $"户编号{first.HouseholdNumber}没有与户主关系为「户主」的成员行"));
        }

        problems.AddRange(heads.Skip(1).Select(extra =>
            new ImportError(extra.Line, RegisterColumns.Relationship, $"同户第{heads[0].Line}行已是户主，一户只能有一名户主")));

        if (first.DeclaredSize != household.Rows.Count)
        {
            problems.Add(new ImportError(first.Line, RegisterColumns.HouseholdSize,
                $"家庭人口数为{first.DeclaredSize}，但文件中该户有{household.Rows.Count}名成员"));
        }

        return problems;
    }

    private ImportedHousehold Assemble(HouseholdRows household)
    {
        var first = household.Rows[0];
        var members = household.Rows.Select(r => r.Member).ToList();
        var income = new HouseholdIncome(_validator.IncomeYear, first.PerCapitaNetIncome, first.NetIncome);
        var assembled = new Household(
            first.HouseholdNumber, members, first.Cause, first.Status, first.ExitYear, first.Monitoring, income, first.ResponsibleCadre);
        return new ImportedHousehold(first.Township, first.Village, assembled, household.Rows.Select(r => r.Line).ToList());
    }

    private HouseholdRows HouseholdRowsFor(string number)
    {
        if (!_households.TryGetValue(number, out var household))
        {
            household = new HouseholdRows();
            _households.Add(number, household);
            _householdsInFileOrder.Add(household);
        }

        return household;
    }

    private sealed class HouseholdRows
    {
        internal List<RegisterRow> Rows { get; } = [];

        internal List<int> RejectedLines { get; } = [];
    }
}
