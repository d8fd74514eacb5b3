using Workflow.Domain.Exits;

namespace Workflow.App.Exits.Web;

/// <summary>
/// What the two answers of a decision mean in words: 同意/不同意 for a step, and for an objection review what becomes of
/// the objections and the notice — a reviewer who dismisses an objection has not "agreed" to anything. An upheld
/// objection ends the case: an exit "退出不通过", an entry (新识别, 返贫) "不予纳入".
/// </summary>
internal static class DecisionVerdicts
{
    /// <summary>The two answers as the form offers them.</summary>
    public static (string Yes, string No) Of(string step, CaseKind kind) =>
        ExitProcedure.IsObjectionReview(step) ? ("异议不成立，继续公示", Upheld(kind)) : ("同意", "不同意");

    /// <summary>The confirmation after a decision was taken: "审核结论已提交：同意。", "复核结论已提交：异议不成立，公示继续。".</summary>
    public static string Confirmation(string step, bool approved, CaseKind kind) =>
        ExitProcedure.IsObjectionReview(step)
            ? $"复核结论已提交：{(approved ? "异议不成立，公示继续" : Upheld(kind))}。"
            : $"审核结论已提交：{(approved ? "同意" : "不同意")}。";

    /// <summary>What a refusal does to the household's case, said under the confirmation.</summary>
    public static string Refused(CaseKind kind) => kind == CaseKind.Exit ? "本户此次退出不通过，本链接已失效。" : "本户此次不予纳入，本链接已失效。";

    private static string Upheld(CaseKind kind) => kind == CaseKind.Exit ? "异议成立，退出不通过" : "异议成立，不予纳入";
}
