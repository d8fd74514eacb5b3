using Workflow.Domain.Exits;
using Workflow.Domain.Register;
using Workflow.App.Exits;

namespace Workflow.App.Console;

/// <summary>
/// 退出进度 — a county's exit cases counted by township and step: how many are in progress at each step of the
/// procedure, how many are overdue there, and how many ended approved, rejected or withdrawn.
/// </summary>
public sealed class ExitPipeline
{
    private ExitPipeline(IReadOnlyList<ProcedureStep> steps, IReadOnlyList<ExitPipelineRow> townships, ExitPipelineRow total)
    {
        Steps = steps;
        Townships = townships;
        Total = total;
    }

    /// <summary>The columns: the seven steps in the national order, with the objection review after the notice it interrupts.</summary>
    public IReadOnlyList<ProcedureStep> Steps { get; }

    /// <summary>Every township of the county in code order, those without cases included.</summary>
    public IReadOnlyList<ExitPipelineRow> Townships { get; }

    /// <summary>全县合计.</summary>
    public ExitPipelineRow Total { get; }

    /// <param name="procedure">The county's procedure, for the step names (every procedure has the national seven steps).</param>
    public static ExitPipeline Count(County places, ExitProcedure procedure, IEnumerable<ExitCaseStanding> cases, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(places);
        ArgumentNullException.ThrowIfNull(procedure);
        var afterNotice = procedure.Steps.TakeWhile(s => s.Code != ExitProcedure.Notice).Count() + 1;
        var steps = procedure.Steps.Take(afterNotice).Append(procedure.ObjectionReview).Concat(procedure.Steps.Skip(afterNotice)).ToList();
        var byTownship = places.Townships.ToDictionary(t => t.Code, t => new ExitPipelineRow(t.Code, t.Name), StringComparer.Ordinal);
        var total = new ExitPipelineRow(null, "全县合计");
        foreach (var standing in cases)
        {
            if (!byTownship.TryGetValue(standing.TownshipCode, out var row))
            {
                // A case of a township the county's places no longer list still counts, under its code.
                row = byTownship[standing.TownshipCode] = new ExitPipelineRow(standing.TownshipCode, standing.TownshipCode);
            }

            row.Add(standing, now);
            total.Add(standing, now);
        }

        return new ExitPipeline(steps, byTownship.Values.OrderBy(r => r.TownshipCode, StringComparer.Ordinal).ToList(), total);
    }
}

/// <summary>One row of the pipeline: a township's cases, or the county's (<see cref="TownshipCode"/> null).</summary>
public sealed class ExitPipelineRow(string? townshipCode, string name)
{
    private readonly Dictionary<string, int> _atStep = new(StringComparer.Ordinal);

    public string? TownshipCode { get; } = townshipCode;

    public string Name { get; } = name;

    /// <summary>办理中 in all.</summary>
    public int InProgress { get; private set; }

    /// <summary>超期: in progress and past the due time of the step it waits at.</summary>
    public int Overdue { get; private set; }

    public int Approved { get; private set; }

    public int Rejected { get; private set; }

    public int Withdrawn { get; private set; }

    /// <summary>Cases in progress at the step; every objection review of a case counts under the objection review.</summary>
    public int AtStep(string stepCode) => _atStep.GetValueOrDefault(stepCode);

    public void Add(ExitCaseStanding standing, DateTimeOffset now)
    {
        switch (standing.Status)
        {
            case ExitCaseStatus.InProgress:
                InProgress++;
                if (standing.CurrentStep is { } step)
                {
                    var code = ExitProcedure.IsObjectionReview(step) ? ExitProcedure.ObjectionReviewCode : step;
                    _atStep[code] = AtStep(code) + 1;
                }

                if (standing.IsOverdue(now))
                {
                    Overdue++;
                }

                break;
            case ExitCaseStatus.Approved:
                Approved++;
                break;
            case ExitCaseStatus.Rejected:
                Rejected++;
                break;
            case ExitCaseStatus.Withdrawn:
                Withdrawn++;
                break;
        }
    }
}
