using Workflow.Domain.Register;
using Workflow.Domain.Standards;
using Workflow.App.Register;

namespace Workflow.App.Console;

/// <summary>
/// 指标监测 — the county's register held against its standard for the year, per village, township and county: what the
/// register can answer (households, people, status, monitoring, the incidence bound, income) and nothing more.
/// </summary>
public sealed class IndicatorDashboard
{
    /// <summary>The indicators the register's figures measure; every other one needs facts from outside the register.</summary>
    public static readonly IReadOnlySet<string> AnsweredCodes = new HashSet<string>(StringComparer.Ordinal) { "incidence", "income" };

    private IndicatorDashboard(StandardRuleSet standard, IReadOnlyList<VillageLine> villages, IReadOnlyList<TownshipLine> townships, RegisterFigures county)
    {
        Standard = standard;
        Villages = villages;
        Townships = townships;
        County = county;
    }

    public StandardRuleSet Standard { get; }

    /// <summary>Every village, those whose incidence is not confirmed first, then in township and village code order.</summary>
    public IReadOnlyList<VillageLine> Villages { get; }

    public IReadOnlyList<TownshipLine> Townships { get; }

    public RegisterFigures County { get; }

    /// <summary>The village exit's incidence indicator (贫困村出列: below 2%, 3% in the west).</summary>
    public Indicator VillageIncidence => Standard.VillageIndicators.Single(i => i.Code == "incidence");

    public Indicator CountyIncidence => Standard.CountyIndicators.Single(i => i.Code == "incidence");

    public Indicator CountyIncome => Standard.CountyIndicators.Single(i => i.Code == "income");

    public static bool Passes(Indicator indicator, decimal value) => indicator.Threshold.IsMetBy(Measurement.Of(value));

    /// <summary>Reads the register township by township, each one partition with only the columns the counts need.</summary>
    public static async Task<IndicatorDashboard> ReadAsync(County places, StandardRuleSet standard, RegisterStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(places);
        ArgumentNullException.ThrowIfNull(standard);
        ArgumentNullException.ThrowIfNull(store);
        var incidence = standard.VillageIndicators.Single(i => i.Code == "incidence");
        var villages = new List<VillageLine>();
        var townships = new List<TownshipLine>();
        foreach (var township in places.Townships)
        {
            var byVillage = township.Villages.ToDictionary(v => v.Code, _ => RegisterFigures.None, StringComparer.Ordinal);
            await foreach (var household in store.ReadTownshipTalliesAsync(places.Code, township.Code, cancellationToken).ConfigureAwait(false))
            {
                byVillage[household.VillageCode] = byVillage.GetValueOrDefault(household.VillageCode, RegisterFigures.None).Add(household, standard.Year);
            }

            var lines = township.Villages
                .Select(v => new VillageLine(township, v, byVillage[v.Code], Passes(incidence, byVillage[v.Code].IncidenceUpperBound)))
                .ToList();
            villages.AddRange(lines);
            townships.Add(new TownshipLine(township, byVillage.Values.Aggregate(RegisterFigures.None, (a, b) => a + b), lines.Count(l => !l.IncidencePasses)));
        }

        var ordered = villages.OrderBy(v => v.IncidencePasses).ThenBy(v => v.Township.Code, StringComparer.Ordinal)
            .ThenBy(v => v.Village.Code, StringComparer.Ordinal).ToList();
        return new IndicatorDashboard(standard, ordered, townships, townships.Aggregate(RegisterFigures.None, (a, t) => a + t.Figures));
    }
}

/// <param name="IncidencePasses">Whether the incidence bound meets the village threshold, which confirms the true rate does.</param>
public sealed record VillageLine(Township Township, Village Village, RegisterFigures Figures, bool IncidencePasses);

/// <param name="UnconfirmedVillages">Its villages whose incidence the register cannot confirm below the threshold.</param>
public sealed record TownshipLine(Township Township, RegisterFigures Figures, int UnconfirmedVillages);
