namespace Workflow.App.Exits;

/// <summary>
/// Which way a case moves a household: off the register (退出) or onto it (新识别, 返贫). The cases share their store,
/// links, notice and objection pages; this says which one a case is, and how pages and notifications name it.
/// </summary>
public enum CaseKind
{
    /// <summary>脱贫退出 (销号). Rows written before entries existed have no kind and are exits.</summary>
    Exit,

    /// <summary>新识别纳入 (挂号 of a new household).</summary>
    NewEntry,

    /// <summary>返贫纳入 (挂号 of an exited household again).</summary>
    Relapse,
}

public static class CaseKindNames
{
    /// <summary>zh-CN name of what the case does: "脱贫退出", "新识别纳入", "返贫纳入".</summary>
    public static string ChineseName(this CaseKind kind) => kind switch
    {
        CaseKind.NewEntry => "新识别纳入",
        CaseKind.Relapse => "返贫纳入",
        _ => "脱贫退出",
    };

    /// <summary>The notice's word for what is proposed: "拟退出" or "拟纳入".</summary>
    public static string Proposed(this CaseKind kind) => kind == CaseKind.Exit ? "拟退出" : "拟纳入";
}
