namespace Workflow.Domain.Standards;

/// <summary>The facts found for one household in an exit check (入户核查), measured by the seven household indicators.</summary>
/// <param name="PerCapitaNetIncome">人均纯收入 for the year, yuan.</param>
/// <param name="FoodSecure">不愁吃.</param>
/// <param name="ClothingSecure">不愁穿.</param>
/// <param name="CompulsoryEducationSecured">义务教育有保障: no child of compulsory-school age out of school for poverty (true when there is no such child).</param>
/// <param name="BasicMedicalCareSecured">基本医疗有保障: insured, and major illness covered by the assistance schemes.</param>
/// <param name="HousingSafe">住房安全有保障.</param>
/// <param name="DrinkingWaterSafe">饮水安全有保障.</param>
public sealed record HouseholdConditions(
    decimal PerCapitaNetIncome,
    bool FoodSecure,
    bool ClothingSecure,
    bool CompulsoryEducationSecured,
    bool BasicMedicalCareSecured,
    bool HousingSafe,
    bool DrinkingWaterSafe)
{
    private static readonly Dictionary<string, Func<HouseholdConditions, Measurement>> Measures = new(StringComparer.Ordinal)
    {
        ["income"] = c => Measurement.Of(c.PerCapitaNetIncome),
        ["food"] = c => Measurement.Of(c.FoodSecure),
        ["clothing"] = c => Measurement.Of(c.ClothingSecure),
        ["education"] = c => Measurement.Of(c.CompulsoryEducationSecured),
        ["medical"] = c => Measurement.Of(c.BasicMedicalCareSecured),
        ["housing"] = c => Measurement.Of(c.HousingSafe),
        ["water"] = c => Measurement.Of(c.DrinkingWaterSafe),
    };

    /// <summary>A household that meets every yes/no condition, with the given income; the usual starting point.</summary>
    public static HouseholdConditions AllSecured(decimal perCapitaNetIncome) => new(perCapitaNetIncome, true, true, true, true, true, true);

    internal static IReadOnlyCollection<string> Codes => Measures.Keys;

    internal Measurement Measure(string code) => Measures[code](this);
}
