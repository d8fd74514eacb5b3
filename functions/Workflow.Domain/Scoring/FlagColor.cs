using Workflow.Domain.Register;

namespace Workflow.Domain.Scoring;

/// <summary>流动红旗 / 流动黄旗 — what a township's place in the quarter's ranking earns it (002).</summary>
public enum FlagColor
{
    [ChineseTerm("无")] None,

    /// <summary>流动红旗: among the top three, above the standard line.</summary>
    [ChineseTerm("红旗", "流动红旗")] Red,

    /// <summary>流动黄旗: among the bottom two, below the standard line.</summary>
    [ChineseTerm("黄旗", "流动黄旗")] Yellow,
}
