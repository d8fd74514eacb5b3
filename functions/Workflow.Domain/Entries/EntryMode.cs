namespace Workflow.Domain.Entries;

/// <summary>
/// How an entry case came to be started. Seed 001 names both: "每年开展一次贫困人口动态调整", and for sudden hardship
/// "即时出现、即时标注、即时纳入，建立台账".
/// </summary>
public enum EntryMode
{
    /// <summary>动态调整: started while the county's annual adjustment window is open.</summary>
    AnnualAdjustment,

    /// <summary>即时纳入: started outside the window, for sudden hardship (因病因灾等), with its reason.</summary>
    Immediate,
}

public static class EntryModeNames
{
    /// <summary>zh-CN name shown on pages and in notifications.</summary>
    public static string ChineseName(this EntryMode mode) => mode switch
    {
        EntryMode.AnnualAdjustment => "动态调整",
        EntryMode.Immediate => "即时纳入",
        _ => mode.ToString(),
    };
}
