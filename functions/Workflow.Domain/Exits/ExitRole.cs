namespace Workflow.Domain.Exits;

/// <summary>Who acts in an exit case; each decision step names one, and an escalation names a supervising one.</summary>
public enum ExitRole
{
    /// <summary>村两委.</summary>
    VillageCommittee,

    /// <summary>驻村工作队 (with the 第一书记).</summary>
    WorkTeam,

    /// <summary>拟退出户 — the household's own signed consent, collected by its responsible cadre.</summary>
    Household,

    /// <summary>乡镇审核人.</summary>
    TownshipApprover,

    /// <summary>乡镇分管领导: supervises the township's approvers.</summary>
    TownshipLeader,

    /// <summary>县扶贫办经办人.</summary>
    CountyOfficer,

    /// <summary>县扶贫办负责人: supervises the county's officers.</summary>
    CountyAdmin,
}

public static class ExitRoleNames
{
    /// <summary>zh-CN name shown on pages and in notifications.</summary>
    public static string ChineseName(this ExitRole role) => role switch
    {
        ExitRole.VillageCommittee => "村两委",
        ExitRole.WorkTeam => "驻村工作队",
        ExitRole.Household => "拟退出户",
        ExitRole.TownshipApprover => "乡镇审核人",
        ExitRole.TownshipLeader => "乡镇分管领导",
        ExitRole.CountyOfficer => "县扶贫办经办人",
        ExitRole.CountyAdmin => "县扶贫办负责人",
        _ => role.ToString(),
    };

    /// <summary>Whether the role acts for the whole county rather than for one township or village.</summary>
    public static bool IsCountyRole(this ExitRole role) => role is ExitRole.CountyOfficer or ExitRole.CountyAdmin;
}
