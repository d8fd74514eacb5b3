using Workflow.Domain.Exits;

namespace Workflow.App.Exits.Web;

/// <summary>
/// What the two answers of a decision mean in words: 同意/不同意 for a step, and for an objection review what becomes of
/// the objections and the notice — a reviewer who dismisses an objection has not "agreed" to anything.
/// </summary>
internal static class DecisionVerdicts
{
    /// <summary>The two answers as the form offers them.</summary>
    public static (string Yes, string No) Of(string step) =>
        ExitProcedure.IsObjectionReview(step) ? ("异议不成立，继续公示", "异议成立，退出不通过") : ("同意", "不同意");

    /// <summary>The confirmation after a decision was taken: "审核结论已提交：同意。", "复核结论已提交：异议不成立，公示继续。".</summary>
    public static string Confirmation(string step, bool approved) =>
        ExitProcedure.IsObjectionReview(step)
            ? $"复核结论已提交：{(approved ? "异议不成立，公示继续" : "异议成立，退出不通过")}。"
            : $"审核结论已提交：{(approved ? "同意" : "不同意")}。";
}
