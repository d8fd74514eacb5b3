using Workflow.Domain.Register;

namespace Workflow.Domain.Rectification;

/// <summary>反馈问题来源 — who found the problem a rectification item fixes.</summary>
public enum FindingSource
{
    /// <summary>国家考核 / 国检.</summary>
    [ChineseTerm("国检", "国家考核", "国家检查")] National,

    /// <summary>省检 / 省级考核.</summary>
    [ChineseTerm("省检", "省级考核", "省级检查")] Provincial,

    /// <summary>市检 / 市级考核.</summary>
    [ChineseTerm("市检", "市级考核", "市级检查")] Municipal,

    /// <summary>第三方评估 — the 考核评估 phase's evaluation.</summary>
    [ChineseTerm("第三方评估", "第三方")] ThirdPartyEvaluation,

    /// <summary>巡察.</summary>
    [ChineseTerm("巡察", "巡视巡察")] Inspection,

    /// <summary>审计.</summary>
    [ChineseTerm("审计")] Audit,
}
