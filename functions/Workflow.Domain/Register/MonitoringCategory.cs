namespace Workflow.Domain.Register;

/// <summary>监测类别 — households checked monthly because they may fall (back) below the line.</summary>
public enum MonitoringCategory
{
    [ChineseTerm("无")] None,
    /// <summary>监测户 (脱贫不稳定户): exited but at risk of relapse.</summary>
    [ChineseTerm("监测户", "脱贫监测户", "脱贫不稳定户")] Monitored,
    /// <summary>边缘户 (边缘易致贫户): just above the line.</summary>
    [ChineseTerm("边缘户", "边缘易致贫户")] Edge,
}
