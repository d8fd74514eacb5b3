namespace Workflow.App.Notices;

/// <summary>
/// What every 公示 objection (异议) must hold, whatever is objected to (an exit, a project): a contact the reviewer can
/// check with and a reason, each within its length; and the rate limit policy that guards the forms, which need no sign-in.
/// </summary>
public static class ObjectionRules
{
    public const int MaxContactLength = 50;
    public const int MaxReasonLength = 1000;

    /// <summary>The rate limit policy of every objection form's post (a few an hour per address, Exits:ObjectionsPerHour).</summary>
    public const string RateLimit = "objections";

    /// <summary>What is wrong with an objection as the form gives it (zh-CN, for the form); null when it can be filed.</summary>
    public static string? Problem(string? contact, string? reason) =>
        contact?.Trim() is not { Length: > 0 and <= MaxContactLength } ? $"请填写联系方式（不超过 {MaxContactLength} 字）。"
        : reason?.Trim() is not { Length: > 0 and <= MaxReasonLength } ? $"请填写异议内容（不超过 {MaxReasonLength} 字）。"
        : null;
}
