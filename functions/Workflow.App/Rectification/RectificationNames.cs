using System.Globalization;
using Workflow.Domain.Rectification;

namespace Workflow.App.Rectification;

/// <summary>
/// The ledger's steps, audit actions and roles as the people who read its pages know them (第 1 轮整改提交, 核验通过，销号,
/// 县扶贫办), never the keys the orchestration and the audit log keep (submit-1, verify, CountyOfficer).
/// </summary>
public static class RectificationNames
{
    /// <summary>The county office, which verifies (销号) and sends back.</summary>
    public const string CountyOffice = "县扶贫办";

    /// <summary>The name of a round's step: submit-2 is 第 2 轮整改提交.</summary>
    public static string Step(string step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var dash = step.LastIndexOf('-');
        if (dash > 0 && int.TryParse(step.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var round))
        {
            var kind = step[..dash];
            if (kind == "submit" || kind == "verify")
            {
                return string.Create(CultureInfo.InvariantCulture, $"第 {round} 轮{(kind == "submit" ? "整改提交" : "核验销号")}");
            }
        }

        return step;
    }

    /// <summary>What an audit entry's action did (the keys RecordDecisionActivity, SuperviseActivity and SummonActivity write).</summary>
    public static string Action(string action) => action switch
    {
        "submit" => "提交整改情况",
        "verify" => "核验通过，销号",
        "send-back" => "退回重新整改",
        "supervise" => "下发督办单",
        "summon" => "约谈主要负责人",
        _ => action,
    };

    /// <summary>Who acted, as an audit entry's role: the unit by its name, the county office, the system's own timers.</summary>
    public static string Role(string role) => role switch
    {
        "CountyOfficer" => CountyOffice,
        "System" => "系统",
        _ => role,
    };

    /// <summary>
    /// The holder of an item's link as a person reads it: the unit by its name (县住建局; the item's township is on the
    /// same page), or the county office; never the recipient key (县住建局@5323311001, CountyOfficer@532331).
    /// </summary>
    public static string Holder(RectificationItem item, string holder)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(holder);
        return holder == RectificationRecipients.Unit(item) ? item.Finding.ResponsibleUnit : Role(holder.Split('@')[0]);
    }
}
