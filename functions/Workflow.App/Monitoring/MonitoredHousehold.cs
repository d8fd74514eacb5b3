using Workflow.App.Register;
using Workflow.Domain.Monitoring;
using Workflow.Domain.Register;

namespace Workflow.App.Monitoring;

/// <summary>
/// 监测台账 entry: a household checked every month, because the register names it 监测户 or 边缘户, or the office put it
/// in one of the twelve groups, or both. Its place, head, size, status and 帮扶责任人 are the register's, copied when the
/// ledger is seeded; the groups are the office's.
/// </summary>
/// <param name="HeadName">户主姓名 (no 身份证号 is kept here).</param>
/// <param name="Cadre">帮扶责任人's name (the township tells namesakes apart).</param>
/// <param name="Size">家庭人口数.</param>
public sealed record MonitoredHousehold(
    string Number,
    string TownshipCode,
    string Township,
    string VillageCode,
    string Village,
    string HeadName,
    string Cadre,
    MonitoringCategory Category,
    PovertyStatus Status,
    int Size,
    IReadOnlyList<SpecialGroup> Groups)
{
    /// <summary>On the ledger at all: a monitoring category, or at least one group.</summary>
    public bool IsMonitored => Category != MonitoringCategory.None || Groups.Count > 0;

    /// <summary>已脱贫: a relapse (返贫) is what an alert proposes; otherwise a 新识别 is noted.</summary>
    public bool HasExited => Status != PovertyStatus.NotExited;

    public static MonitoredHousehold Of(RegisteredHousehold registered, IReadOnlyList<SpecialGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(registered);
        var household = registered.Household;
        return new MonitoredHousehold(household.Number, registered.TownshipCode, registered.Township, registered.VillageCode, registered.Village,
            household.Head.Name, household.ResponsibleCadre, household.Monitoring, household.Status, household.Size, groups);
    }
}
