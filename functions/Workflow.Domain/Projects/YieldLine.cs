namespace Workflow.Domain.Projects;

/// <summary>
/// The county's yield line (收益率底线) for industrial poverty projects, as an annual rate (0.10 for 10%). 002:
/// “确保扶贫产业项目年收益率达到 10%以上。” — a project at exactly the line meets it (达到…以上).
/// </summary>
public sealed record YieldLine(decimal MinimumAnnualRate, Citation Citation);
