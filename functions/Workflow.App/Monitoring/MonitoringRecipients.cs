using Workflow.Domain.Exits;

namespace Workflow.App.Monitoring;

/// <summary>
/// Who monthly monitoring notifies, written role@place like the exit recipients: the household's 帮扶责任人 as
/// <c>ResponsibleCadre@{township code}:{name}</c> (the register knows a cadre by name and township, Domain/Register/Cadre),
/// and the township's 乡镇分管领导 as <c>TownshipLeader@{township code}</c>, the exit role that supervises the township,
/// whom a missed check is escalated to and an alert goes to.
/// </summary>
public static class MonitoringRecipients
{
    public const string CadreRole = "ResponsibleCadre";

    public static string Cadre(string townshipCode, string name) => $"{CadreRole}@{townshipCode}:{name}";

    public static string TownshipLeader(string townshipCode) => $"{ExitRole.TownshipLeader}@{townshipCode}";

    /// <summary>The 乡镇分管领导 as a page names them: 碧城镇乡镇分管领导.</summary>
    public static string TownshipLeaderName(string township) => $"{township}{ExitRole.TownshipLeader.ChineseName()}";

    /// <summary>A cadre as a page names them: 碧城镇帮扶责任人张伟.</summary>
    public static string CadreName(string township, string name) => $"{township}帮扶责任人{name}";
}
