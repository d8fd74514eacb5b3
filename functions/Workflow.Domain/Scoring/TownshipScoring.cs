namespace Workflow.Domain.Scoring;

/// <summary>
/// 乡镇季度考核 — how one county scores its townships each quarter, as data (Scoring/Rules/*.json): the weights, the
/// standard line and what a place earns. Each county follows its own document: 洮南's flags (002) are 洮南's only,
/// 禄丰's quarterly plus/minus list (004) is 禄丰's; a county without a file is ranked only. The documents give no
/// weights: each measure scores 0–100 and the weights (summing to 100) are this system's assumption, stated in
/// <see cref="Citations"/> and changed in the county's file.
/// </summary>
/// <param name="CountyCode">Null for the default that ranks a county without its own rule.</param>
/// <param name="ExitProgress">Weight of exit progress vs the township's target (退出进度).</param>
/// <param name="Rectification">Weight of rectification items not overdue (问题整改).</param>
/// <param name="Incidence">Weight of poverty incidence (贫困发生率).</param>
/// <param name="ExitSteps">Weight of exit steps not escalated past their deadlines (退出程序时效).</param>
/// <param name="StandardLine">奖惩标准线: rewards only at or above it, sanctions only below it.</param>
public sealed record TownshipScoring(
    string? CountyCode,
    decimal ExitProgress,
    decimal Rectification,
    decimal Incidence,
    decimal ExitSteps,
    decimal StandardLine,
    QuarterlyRecognition Recognition,
    IReadOnlyList<Citation> Citations)
{
    private static readonly Lazy<IReadOnlyList<TownshipScoring>> Shipped =
        new(() => EmbeddedData.ReadAll<TownshipScoring>("Scoring.Rules").Select(s => s.Checked()).ToList());

    public static IReadOnlyList<TownshipScoring> All => Shipped.Value;

    /// <summary>The rule of a county without its own: the default weights, ranked only.</summary>
    public static TownshipScoring Default => All.Single(s => s.CountyCode is null);

    public decimal TotalWeight => ExitProgress + Rectification + Incidence + ExitSteps;

    /// <summary>The county's scoring: its own file's when it has one, else <see cref="Default"/>.</summary>
    public static TownshipScoring For(string countyCode) => All.SingleOrDefault(s => s.CountyCode == countyCode) ?? Default;

    /// <summary>The weighted total, 0–100, rounded to two places.</summary>
    public decimal Total(TownshipMeasures measures)
    {
        ArgumentNullException.ThrowIfNull(measures);
        var sum = (ExitProgress * measures.ExitProgressScore) + (Rectification * measures.RectificationScore)
                  + (Incidence * measures.IncidenceScore) + (ExitSteps * measures.ExitStepScore);
        return Math.Round(sum / TotalWeight, 2, MidpointRounding.AwayFromZero);
    }

    private TownshipScoring Checked()
    {
        var name = CountyCode ?? "default";
        if (TotalWeight != 100m || new[] { ExitProgress, Rectification, Incidence, ExitSteps }.Any(w => w < 0m))
        {
            throw new InvalidDataException($"Scoring {name}: the weights must be at least 0 and sum to 100, found {TotalWeight}.");
        }

        var valid = Recognition.Kind switch
        {
            RecognitionKind.RotatingFlags => Recognition.TopFlags > 0 && Recognition.BottomFlags > 0,
            RecognitionKind.QuarterlyList => Recognition.CommendAtOrAbove is { } commend && commend >= StandardLine,
            _ => true,
        };
        return valid ? this : throw new InvalidDataException($"Scoring {name}: {Recognition.Kind} needs its settings (flags > 0, or a commend line at or above the standard line).");
    }
}
