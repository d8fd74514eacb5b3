namespace Workflow.App.Analytics.OData;

/// <summary>
/// How large a <c>$filter</c> may be. Each number is both what is enforced and what the refusal says, so the message
/// cannot state one limit while another is applied.
/// </summary>
public static class FilterLimits
{
    /// <summary>Characters of the <c>$filter</c> text, checked before it is parsed.</summary>
    public const int MaxLength = 2000;

    /// <summary>Conditions: comparisons and <c>contains</c>/<c>startswith</c> calls; <c>and</c>, <c>or</c> and <c>not</c> are not counted.</summary>
    public const int MaxConditions = 100;

    /// <summary>
    /// Levels of logical nesting: each <c>not</c>, and each <c>and</c>/<c>or</c> under an operator of the other kind,
    /// is one level (a chain <c>a or b or c</c> is one level, however long). Parentheses alone add none.
    /// </summary>
    public const int MaxDepth = 20;
}
