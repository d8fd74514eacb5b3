namespace Workflow.App.Projects;

/// <summary>
/// 异议 to a project's notice (六步三公示), filed by anyone through the notice's QR code without signing in.
/// </summary>
/// <param name="StepKey">The notice it objects to: the step's code and round.</param>
/// <param name="Review">The review (its key) that decides it; null until the workflow has taken it.</param>
public sealed record ProjectObjection(string ObjectionId, string ProjectId, string StepKey, string Contact, string Reason, DateTimeOffset FiledAt, string? ClientIp,
    string? Review = null);
