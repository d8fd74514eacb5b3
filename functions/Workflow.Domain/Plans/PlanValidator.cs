using System.Globalization;

namespace Workflow.Domain.Plans;

/// <summary>
/// Checks a plan a county has copied and edited. All problems are returned at once, so the county can fix its draft
/// in one pass instead of meeting them one by one.
/// </summary>
public static class PlanValidator
{
    private const string PlanWhere = "计划";

    public static IReadOnlyList<PlanProblem> Validate(AnnualPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var problems = new List<PlanProblem>();
        if (string.IsNullOrWhiteSpace(plan.Title))
        {
            problems.Add(new(PlanWhere, "计划名称不能为空"));
        }

        if (plan.Start > plan.End)
        {
            problems.Add(new(PlanWhere, $"计划开始日期{Iso(plan.Start)}晚于结束日期{Iso(plan.End)}"));
        }

        CheckPhases(plan, problems);
        CheckTasks(plan, problems);
        foreach (var date in plan.ReportDeadlines.Where(d => !Within(plan, d)))
        {
            problems.Add(new(PlanWhere, $"报送进展日期{Iso(date)}不在计划期限{Span(plan)}内"));
        }

        return problems;
    }

    private static void CheckPhases(AnnualPlan plan, List<PlanProblem> problems)
    {
        if (plan.Phases.Count == 0)
        {
            problems.Add(new(PlanWhere, "计划至少应有一个阶段"));
        }

        foreach (var duplicate in plan.Phases.GroupBy(p => p.Key).Where(g => g.Count() > 1))
        {
            problems.Add(new(PlanWhere, $"阶段标识「{duplicate.Key}」重复"));
        }

        Phase? previous = null;
        foreach (var phase in plan.Phases)
        {
            var where = $"阶段「{phase.Name}」";
            if (string.IsNullOrWhiteSpace(phase.Name))
            {
                problems.Add(new(where, "阶段名称不能为空"));
            }

            if (phase.Start > phase.End)
            {
                problems.Add(new(where, $"开始日期{Iso(phase.Start)}晚于结束日期{Iso(phase.End)}"));
            }

            if (!Within(plan, phase.Start) || !Within(plan, phase.End))
            {
                problems.Add(new(where, $"{Iso(phase.Start)}至{Iso(phase.End)}超出计划期限{Span(plan)}"));
            }

            if (previous is not null)
            {
                if (phase.Start < previous.Start)
                {
                    problems.Add(new(where, $"应排在阶段「{previous.Name}」之前：阶段须按时间先后排列"));
                }
                else if (phase.Start <= previous.End)
                {
                    problems.Add(new(where, $"与阶段「{previous.Name}」时间重叠（「{previous.Name}」于{Iso(previous.End)}结束）"));
                }
            }

            CheckGates(phase, isFirst: previous is null, problems);
            previous = phase;
        }
    }

    private static void CheckGates(Phase phase, bool isFirst, List<PlanProblem> problems)
    {
        var where = $"阶段「{phase.Name}」";
        var gates = phase.Gates ?? [];
        foreach (var gate in gates)
        {
            // A plan posted as JSON may carry any number for an enum; the board could not describe such a gate.
            if (!Enum.IsDefined(gate.Kind))
            {
                problems.Add(new(where, $"推进条件种类“{gate.Kind}”无法识别：应为 RectificationClosed（整改问题全部销号）或 FindingsEntered（反馈问题已录入）"));
            }

            if (!Enum.IsDefined(gate.At))
            {
                problems.Add(new(where, $"推进条件的检查时点“{gate.At}”无法识别：应为 Enter（进入阶段前）或 Close（结束阶段前）"));
            }

            if (gate.Source is { } source && !Enum.IsDefined(source))
            {
                problems.Add(new(where, $"推进条件的问题来源“{source}”无法识别"));
            }

            if (gate.Kind == GateKind.FindingsEntered && gate.Source is null)
            {
                problems.Add(new(where, "推进条件“反馈问题已录入”须指明问题来源"));
            }
            else if (gate.Kind == GateKind.RectificationClosed && gate.Source is not null)
            {
                problems.Add(new(where, "推进条件“整改问题全部销号”不区分来源，不应指明问题来源"));
            }

            if (isFirst && gate.At == GateMoment.Enter)
            {
                problems.Add(new(where, "第一个阶段按日期或由县扶贫办直接启动，不经推进，进入条件不会被检查"));
            }
        }

        if (gates.Distinct().Count() < gates.Count)
        {
            problems.Add(new(where, "推进条件重复"));
        }
    }

    private static void CheckTasks(AnnualPlan plan, List<PlanProblem> problems)
    {
        var phaseKeys = plan.Phases.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var areaNames = plan.Areas.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var duplicate in plan.Tasks.GroupBy(t => t.Number).Where(g => g.Count() > 1))
        {
            problems.Add(new(PlanWhere, $"任务编号{duplicate.Key}重复"));
        }

        foreach (var task in plan.Tasks)
        {
            var where = $"任务{task.Number}「{task.Title}」";
            if (string.IsNullOrWhiteSpace(task.Title))
            {
                problems.Add(new(where, "任务名称不能为空"));
            }

            if (!task.LeadUnits.Any(u => !string.IsNullOrWhiteSpace(u)))
            {
                problems.Add(new(where, "没有牵头（责任）单位"));
            }

            CheckDeadline(plan, task.Deadline, where, problems);
            if (task.Phase is not null && !phaseKeys.Contains(task.Phase))
            {
                problems.Add(new(where, $"所属阶段「{task.Phase}」不存在"));
            }

            if (task.Area is not null && areaNames.Count > 0 && !areaNames.Contains(task.Area))
            {
                problems.Add(new(where, $"所属方面「{task.Area}」不在计划的方面列表中"));
            }

            if (task.Rectification is { } scope && (scope.Problems < 1 || scope.Areas < 1 || scope.Areas > scope.Problems))
            {
                problems.Add(new(where, $"整改范围无效：{scope.Areas}个方面、{scope.Problems}个问题"));
            }
        }
    }

    private static void CheckDeadline(AnnualPlan plan, Deadline deadline, string where, List<PlanProblem> problems)
    {
        if (!deadline.IsSet)
        {
            problems.Add(new(where, "没有完成时限：应填写日期或“长期坚持”"));
            return;
        }

        if (deadline.Date is { } date && !Within(plan, date))
        {
            problems.Add(new(where, $"完成时限{Iso(date)}不在计划期限{Span(plan)}内"));
        }

        if (deadline.From is { } from)
        {
            if (deadline.Date is null)
            {
                problems.Add(new(where, "有起始日期却没有完成日期"));
            }
            else if (from > deadline.Date)
            {
                problems.Add(new(where, $"起始日期{Iso(from)}晚于完成时限{Iso(deadline.Date)}"));
            }

            if (!Within(plan, from))
            {
                problems.Add(new(where, $"起始日期{Iso(from)}不在计划期限{Span(plan)}内"));
            }
        }
    }

    private static bool Within(AnnualPlan plan, DateOnly date) => date >= plan.Start && date <= plan.End;

    private static string Span(AnnualPlan plan) => $"{Iso(plan.Start)}至{Iso(plan.End)}";

    private static string Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;
}
