namespace Workflow.Domain.Standards;

/// <summary>
/// How a measured value is held against an indicator's threshold. The documents' wording decides which one applies:
/// 超过 (exceed) and 低于 (below) exclude the number itself, while 以上 / 达到 (at least, reach) and 以下 include it —
/// the drafting convention of Chinese law and administrative documents (“以上、以下、以内，包括本数”).
/// </summary>
public enum Comparison
{
    /// <summary>&gt; — “超过”: exactly the threshold fails.</summary>
    Above,

    /// <summary>≥ — “达到 … 以上”: exactly the threshold passes.</summary>
    AtLeast,

    /// <summary>&lt; — “低于”: exactly the threshold fails.</summary>
    Below,

    /// <summary>≤ — “… 以下”: exactly the threshold passes.</summary>
    AtMost,

    /// <summary>A condition that must hold (有 / 保障), measured as yes or no.</summary>
    Required,
}
