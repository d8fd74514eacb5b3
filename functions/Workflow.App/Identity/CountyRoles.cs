namespace Workflow.App.Identity;

/// <summary>The app roles a signed-in user can hold (Entra ID app roles on Azure).</summary>
public static class CountyRoles
{
    /// <summary>县扶贫办负责人.</summary>
    public const string CountyAdmin = "CountyAdmin";

    /// <summary>县扶贫办经办人.</summary>
    public const string CountyOfficer = "CountyOfficer";

    /// <summary>乡镇审核人.</summary>
    public const string TownshipApprover = "TownshipApprover";

    /// <summary>数据分析人员.</summary>
    public const string Analyst = "Analyst";

    /// <summary>The authorization policy of county routes: the county office's roles.</summary>
    public const string CountyPolicy = "County";

    /// <summary>The authorization policy of what only the office's head may do, e.g. override a campaign gate.</summary>
    public const string CountyAdminPolicy = "CountyAdmin";
}
