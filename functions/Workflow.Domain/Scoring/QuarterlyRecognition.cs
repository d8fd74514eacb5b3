namespace Workflow.Domain.Scoring;

/// <summary>
/// A county's quarterly reward and sanction rule, from its scoring file (Scoring/Rules/*.json).
/// </summary>
/// <param name="TopFlags">RotatingFlags: 流动红旗 to this many top places at or above the standard line.</param>
/// <param name="BottomFlags">RotatingFlags: 流动黄旗 to this many bottom places below the standard line.</param>
/// <param name="CommendAtOrAbove">QuarterlyList: a total at or above this puts the township on the 较好 list (加分).</param>
/// <remarks>On a QuarterlyList a total below the standard line puts the township on the 较差 list (扣分).</remarks>
public sealed record QuarterlyRecognition(RecognitionKind Kind, int TopFlags = 0, int BottomFlags = 0, decimal? CommendAtOrAbove = null);
