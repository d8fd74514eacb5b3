namespace Workflow.Domain.Scoring;

/// <summary>
/// 乡镇季度考核 — how a county scores its townships each quarter (002: "核算分值，划定出奖惩标准线。每季度授予标准线以上的
/// 前三名乡镇流动红旗，标准线以下的后两名乡镇流动黄旗"). The documents fix the flags but not the weights: each measure
/// scores 0–100 and the weights (summing to 100) are this system's assumption, one set per county template, changed
/// here when a county adopts its own.
/// </summary>
/// <param name="ExitProgress">Weight of exit progress vs the township's target (退出进度).</param>
/// <param name="Rectification">Weight of rectification items not overdue (问题整改).</param>
/// <param name="Incidence">Weight of poverty incidence (贫困发生率).</param>
/// <param name="ExitSteps">Weight of exit steps not escalated past their deadlines (退出程序时效).</param>
/// <param name="StandardLine">奖惩标准线: red flags go only to townships at or above it, yellow flags only below it.</param>
public sealed record TownshipScoring(decimal ExitProgress, decimal Rectification, decimal Incidence, decimal ExitSteps, decimal StandardLine)
{
    /// <summary>流动红旗 per quarter: the top three.</summary>
    public const int RedFlags = 3;

    /// <summary>流动黄旗 per quarter: the bottom two.</summary>
    public const int YellowFlags = 2;

    /// <summary>Exit progress first (the year's target is what the county is judged on), the other three alike; line 60.</summary>
    public static TownshipScoring Default { get; } = new(40m, 20m, 20m, 20m, 60m);

    /// <summary>洮南 2018 (002): the 百日会战 and 百日整改 phases are built around rectifying findings, so rectification weighs as much as exits.</summary>
    public static TownshipScoring Taonan { get; } = new(30m, 30m, 20m, 20m, 60m);

    public const string TaonanCountyCode = "220881";

    public decimal TotalWeight => ExitProgress + Rectification + Incidence + ExitSteps;

    /// <summary>The county's scoring: its template's when it has one, else <see cref="Default"/> (禄丰 uses the default).</summary>
    public static TownshipScoring For(string countyCode) => countyCode == TaonanCountyCode ? Taonan : Default;

    /// <summary>The weighted total, 0–100, rounded to two places.</summary>
    public decimal Total(TownshipMeasures measures)
    {
        ArgumentNullException.ThrowIfNull(measures);
        var sum = (ExitProgress * measures.ExitProgressScore) + (Rectification * measures.RectificationScore)
                  + (Incidence * measures.IncidenceScore) + (ExitSteps * measures.ExitStepScore);
        return Math.Round(sum / TotalWeight, 2, MidpointRounding.AwayFromZero);
    }
}
