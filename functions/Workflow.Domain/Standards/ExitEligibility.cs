namespace Workflow.Domain.Standards;

/// <summary>
/// Whether a household may be proposed for exit (拟退出). “未实现两不愁三保障的不得退出” (001): every household
/// indicator — income and 两不愁三保障 plus safe water — has to pass; the failing ones are listed so the cadre
/// knows what to fix first.
/// </summary>
public sealed record ExitEligibility(IReadOnlyList<IndicatorResult> FailingIndicators)
{
    public bool CanProposeExit => FailingIndicators.Count == 0;
}
