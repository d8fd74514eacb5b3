using Workflow.Domain.Register;

namespace Workflow.Domain.Scoring;

/// <summary>What a township's place in the quarter earns it under its county's <see cref="QuarterlyRecognition"/>.</summary>
public enum TownshipOutcome
{
    [ChineseTerm("无")] None,

    /// <summary>流动红旗 (洮南, 002): among the top places, at or above the standard line.</summary>
    [ChineseTerm("红旗", "流动红旗")] RedFlag,

    /// <summary>流动黄旗 (洮南, 002): among the bottom places, below the standard line.</summary>
    [ChineseTerm("黄旗", "流动黄旗")] YellowFlag,

    /// <summary>禄丰 (004): listed for the quarter as 较好, a plus in the annual performance assessment.</summary>
    [ChineseTerm("加分", "加分名单")] Commended,

    /// <summary>禄丰 (004): listed for the quarter as 较差, a minus in the annual performance assessment.</summary>
    [ChineseTerm("扣分", "扣分名单")] Criticised,
}
