namespace Workflow.Domain.Standards;

/// <summary>A county's exit assessment: the county's own indicators and the national 三率一度, both of which must pass.</summary>
public sealed record CountyEvaluation(Evaluation Indicators, Evaluation NationalAssessment)
{
    /// <summary>贫困县摘帽: no indicator of either group may fail.</summary>
    public bool CanExit => Indicators.AllPassed && NationalAssessment.AllPassed;
}
