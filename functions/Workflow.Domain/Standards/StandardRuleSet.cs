using System.Text.Json;
using Workflow.Domain.Register;

namespace Workflow.Domain.Standards;

/// <summary>
/// 标准 — the exit indicators of one county for one year, as data: 7 household, 15 village and the county's own
/// indicators, the national 三率一度, and the county-wide collective-income coverage targets for poor villages.
/// </summary>
/// <param name="CadreLimit">The most households one 帮扶责任人 may hold; <see cref="CadreLimit.Default"/> when the file has none.</param>
public sealed record StandardRuleSet(
    string CountyCode,
    string CountyName,
    int Year,
    string Source,
    IReadOnlyList<Indicator> HouseholdIndicators,
    IReadOnlyList<Indicator> VillageIndicators,
    IReadOnlyList<Indicator> CountyIndicators,
    IReadOnlyList<Indicator> NationalAssessmentIndicators,
    IReadOnlyList<Indicator> CollectiveIncomeCoverageIndicators,
    CadreLimit? CadreLimit = null)
{
    /// <summary>The year's poverty line (yuan per person per year): the threshold of the household income indicator.</summary>
    public decimal IncomeLine =>
        HouseholdIndicators.Single(i => i.Code == "income").Threshold.Value
        ?? throw new InvalidDataException($"{CountyName} {Year}: the income indicator has no line.");

    /// <summary>Reads a rule set a county has written or edited, checking it the way shipped ones are checked.</summary>
    public static StandardRuleSet FromJson(string json)
    {
        StandardRuleSet ruleSet;
        try
        {
            ruleSet = JsonSerializer.Deserialize<StandardRuleSet>(json, EmbeddedData.Options)
                ?? throw new InvalidDataException("The rule set is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The rule set is not valid JSON for a rule set: {e.Message}", e);
        }

        return ruleSet.Checked();
    }

    public Evaluation EvaluateHousehold(HouseholdConditions conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        return Evaluation.Of(HouseholdIndicators, i => conditions.Measure(i.Code));
    }

    /// <summary>Every household indicator must pass before the village may propose the household for exit.</summary>
    public ExitEligibility CanProposeExit(HouseholdConditions conditions) =>
        new(EvaluateHousehold(conditions).Failing);

    public Evaluation EvaluateVillage(VillageConditions conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        return Evaluation.Of(VillageIndicators, i => conditions.Measure(i.Code));
    }

    public CountyEvaluation EvaluateCounty(CountyConditions conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        return new CountyEvaluation(
            Evaluation.Of(CountyIndicators, i => conditions.Measure(i.Code)),
            Evaluation.Of(NationalAssessmentIndicators, i => conditions.Measure(i.Code)));
    }

    /// <summary>Share of poor villages whose collective income reaches each indicator's per-village amount.</summary>
    public Evaluation EvaluateCollectiveIncomeCoverage(IReadOnlyCollection<decimal> poorVillageIncomes)
    {
        ArgumentNullException.ThrowIfNull(poorVillageIncomes);
        if (poorVillageIncomes.Count == 0)
        {
            throw new ArgumentException("At least one poor village is needed.", nameof(poorVillageIncomes));
        }

        return Evaluation.Of(CollectiveIncomeCoverageIndicators, indicator =>
        {
            var amount = indicator.PerVillageAmount!.Value;
            return Measurement.Of(poorVillageIncomes.Count(income => income >= amount) * 100m / poorVillageIncomes.Count);
        });
    }

    /// <summary>Rejects a rule set whose indicators the evaluators cannot measure, so a bad file fails on load, not mid-assessment.</summary>
    internal StandardRuleSet Checked()
    {
        var problems = new List<string>();
        CheckCodes(problems, "household", HouseholdIndicators, HouseholdConditions.Codes);
        CheckCodes(problems, "village", VillageIndicators, VillageConditions.Codes);
        CheckCodes(problems, "county", CountyIndicators, CountyConditions.CountyCodes);
        CheckCodes(problems, "national assessment", NationalAssessmentIndicators, CountyConditions.NationalAssessmentCodes);
        CheckCodes(problems, "coverage", CollectiveIncomeCoverageIndicators, expected: null);
        foreach (var indicator in CollectiveIncomeCoverageIndicators.Where(i => i.PerVillageAmount is null || i.Threshold.Comparison == Comparison.Required))
        {
            problems.Add($"coverage indicator {indicator.Code} needs a per-village amount and a numeric threshold");
        }

        var all = HouseholdIndicators.Concat(VillageIndicators).Concat(CountyIndicators)
            .Concat(NationalAssessmentIndicators).Concat(CollectiveIncomeCoverageIndicators);
        foreach (var indicator in all.Where(i => (i.Threshold.Comparison == Comparison.Required) != (i.Threshold.Value is null)))
        {
            problems.Add($"{indicator.Code}: only a yes/no (Required) threshold goes without a value");
        }

        if (CadreLimit is { } limit && (limit.MaxHouseholds < 1 || string.IsNullOrWhiteSpace(limit.Basis)))
        {
            problems.Add("cadreLimit: at least 1 household, with its basis");
        }

        return problems.Count == 0
            ? this
            : throw new InvalidDataException($"Rule set {CountyName} {Year}: {string.Join("; ", problems)}.");
    }

    /// <param name="expected">The codes the level's conditions can measure; null where any unique codes will do.</param>
    private static void CheckCodes(List<string> problems, string level, IReadOnlyList<Indicator> indicators, IReadOnlyCollection<string>? expected)
    {
        var codes = indicators.Select(i => i.Code).ToList();
        var repeated = codes.GroupBy(c => c).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var missing = expected?.Except(codes).ToList() ?? [];
        var unknown = expected is null ? [] : codes.Except(expected).ToList();
        if (repeated.Count + missing.Count + unknown.Count > 0)
        {
            problems.Add($"{level} indicators: missing [{string.Join(", ", missing)}], unknown [{string.Join(", ", unknown)}], repeated [{string.Join(", ", repeated)}]");
        }
    }
}
