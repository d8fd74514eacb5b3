namespace Workflow.Domain.Register;

/// <summary>脱贫属性.</summary>
public enum PovertyStatus
{
    [ChineseTerm("未脱贫")] NotExited,
    [ChineseTerm("已脱贫享受政策", "脱贫享受政策")] ExitedWithPolicy,
    [ChineseTerm("脱贫不享受政策", "已脱贫不享受政策")] ExitedNoPolicy,
}
