namespace Workflow.Domain.Plans;

/// <summary>One thing wrong with a plan, in zh-CN: where (计划 / 阶段「…」 / 任务 n「…」) and what.</summary>
public sealed record PlanProblem(string Where, string Problem);
