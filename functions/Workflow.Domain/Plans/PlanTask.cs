using Workflow.Domain.Campaigns;

namespace Workflow.Domain.Plans;

/// <summary>任务 / 工作措施 — one line of a plan's responsibility list.</summary>
/// <param name="Number">The task's number as the document writes it ("5", "十二").</param>
/// <param name="Area">The 方面 it is listed under, when the plan groups tasks.</param>
/// <param name="Title">What the document calls the task.</param>
/// <param name="Target">The result to reach (目标).</param>
/// <param name="Measures">工作措施, when the document spells them out separately from the target.</param>
/// <param name="Deadline">完成时限.</param>
/// <param name="Phase">Key of the phase the task belongs to, when the plan ties tasks to phases.</param>
/// <param name="Leaders">(市级 / 牵头) 责任领导.</param>
/// <param name="LeadUnits">牵头 (责任) 单位.</param>
/// <param name="CooperatingUnits">配合 / 责任单位 working under the lead.</param>
/// <param name="ResponsiblePersons">责任人.</param>
/// <param name="Rectification">Set for a task that rectifies a counted set of known problems.</param>
/// <param name="Cadence">报送频次: how often a 长期坚持 task reports (002: the towns' 专题党委会 every half month, the
/// project checks every quarter); <see cref="ReportingCycle.Once"/> for a task that only reports its completion; null
/// for the campaign's default (<see cref="ScheduleRules.Cycle"/>), as in a plan written before tasks carried it.</param>
public sealed record PlanTask(
    string Number,
    string? Area,
    string Title,
    string Target,
    string? Measures,
    Deadline Deadline,
    string? Phase,
    IReadOnlyList<string> Leaders,
    IReadOnlyList<string> LeadUnits,
    IReadOnlyList<string> CooperatingUnits,
    IReadOnlyList<string> ResponsiblePersons,
    RectificationScope? Rectification,
    ReportingCycle? Cadence = null);
