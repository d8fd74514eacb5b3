using Workflow.Domain.Register;

namespace Workflow.Domain.Rectification;

/// <summary>
/// 反馈问题来源 — who found the problem a rectification item fixes. The members are the sources the product reasons
/// about (campaign gates name them); a county's own sources are <see cref="CountyDefined"/> with their name kept
/// beside it (see <see cref="FindingSourceChoices"/>).
/// </summary>
public enum FindingSource
{
    /// <summary>国家考核 / 国检.</summary>
    [ChineseTerm("国检", "国家考核", "国家检查")] National,

    /// <summary>省检 / 省级考核.</summary>
    [ChineseTerm("省检", "省级考核", "省级检查")] Provincial,

    /// <summary>
    /// 市检 / 市级考核. 洮南 is a county-level city under 白城市, so its municipal check is 白城市检 — seed 002:
    /// "对照国检、省检、白城市检、第三方评估反馈意见以及我市自查自纠梳理出的6个方面、18个问题".
    /// </summary>
    [ChineseTerm("市检", "市级考核", "市级检查", "白城市检")] Municipal,

    /// <summary>第三方评估 — the 考核评估 phase's evaluation.</summary>
    [ChineseTerm("第三方评估", "第三方")] ThirdPartyEvaluation,

    /// <summary>巡察.</summary>
    [ChineseTerm("巡察", "巡视巡察")] Inspection,

    /// <summary>审计.</summary>
    [ChineseTerm("审计")] Audit,

    /// <summary>
    /// 自查自纠 — the county's own review; seed 002: "对照国检、省检、白城市检、第三方评估反馈意见以及我市自查自纠梳理出的6个方面、18个问题".
    /// </summary>
    [ChineseTerm("自查自纠", "自查")] SelfInspection,

    /// <summary>
    /// 督查 — the county's supervision checks; seed 002: "加大对反馈问题整改、退出指标完成、重点工程进度、扶贫政策落实等方面的督查考核力度";
    /// seed 004: "全面完成各级巡视、巡察、督查、检查、审计和2019年省对县扶贫开发成效考核发现问题整改".
    /// </summary>
    [ChineseTerm("督查", "督查督导", "日常督查")] Supervision,

    /// <summary>
    /// One of the county's own sources (Rectification/Sources/*.json); its name is <see cref="Finding.SourceLabel"/>.
    /// Never accepted as typed: a finding names the county's source itself.
    /// </summary>
    [ChineseTerm("本县增设来源")] CountyDefined,
}
