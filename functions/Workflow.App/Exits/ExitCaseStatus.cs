namespace Workflow.App.Exits;

/// <summary>Where an exit case stands as a whole.</summary>
public enum ExitCaseStatus
{
    /// <summary>办理中.</summary>
    InProgress,

    /// <summary>已退出: approved and deregistered; the household is 已脱贫享受政策.</summary>
    Approved,

    /// <summary>未通过: rejected at a step or by an upheld objection; the household stays 未脱贫.</summary>
    Rejected,

    /// <summary>已撤回 by the county office, with a reason.</summary>
    Withdrawn,
}

public static class ExitCaseStatusNames
{
    public static string ChineseName(this ExitCaseStatus status) => status switch
    {
        ExitCaseStatus.InProgress => "办理中",
        ExitCaseStatus.Approved => "已退出",
        ExitCaseStatus.Rejected => "未通过",
        ExitCaseStatus.Withdrawn => "已撤回",
        _ => status.ToString(),
    };
}
