namespace Workflow.App.Exits;

/// <summary>The county office withdraws a case (撤回): it ends at once, the household stays 未脱贫.</summary>
public sealed record Withdrawal(string Reason, string By, DateTimeOffset At);
