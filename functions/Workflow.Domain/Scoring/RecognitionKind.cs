namespace Workflow.Domain.Scoring;

/// <summary>How a county turns a quarter's ranking into outcomes; each county's rule says which, from its own document.</summary>
public enum RecognitionKind
{
    /// <summary>Ranked only: the county's documents give no quarterly reward or sanction.</summary>
    RankOnly,

    /// <summary>流动红旗 / 流动黄旗 to the top and bottom places on either side of the standard line (洮南, 002).</summary>
    RotatingFlags,

    /// <summary>A quarterly list of townships doing well or badly, added or deducted in the annual assessment (禄丰, 004).</summary>
    QuarterlyList,
}
