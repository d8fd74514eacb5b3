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
    RectificationScope? Rectification);
