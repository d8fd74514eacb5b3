namespace Workflow.Domain.Entries;

/// <summary>
/// Which way a household comes onto the register. Seed 004: "做好新识别、脱贫退出、自然增减的系统标注"; seed 000:
/// "实施动态管理，脱贫销号，返贫挂号，做到退出有标准、纳入有程序".
/// </summary>
public enum EntryKind
{
    /// <summary>新识别: a household not on the register is identified as poor and registered.</summary>
    NewEntry,

    /// <summary>返贫: an exited household falls back below the line and is registered again as 未脱贫.</summary>
    Relapse,
}

public static class EntryKindNames
{
    /// <summary>zh-CN name shown on pages and in notifications.</summary>
    public static string ChineseName(this EntryKind kind) => kind switch
    {
        EntryKind.NewEntry => "新识别",
        EntryKind.Relapse => "返贫",
        _ => kind.ToString(),
    };
}
