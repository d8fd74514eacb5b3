using Workflow.Domain.Monitoring;

namespace Workflow.App.Monitoring;

/// <summary>A check as it is kept with the link it spent, and delivered to the round.</summary>
/// <param name="CheckId">The link's id: one check per link, the key of what the check raises.</param>
/// <param name="Holder">The link's holder (the cadre, role@place).</param>
public sealed record RecordedCheck(string CountyCode, MonthlyCheck Check, string CheckId, string Holder, DateTimeOffset At);
