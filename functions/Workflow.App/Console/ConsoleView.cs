namespace Workflow.App.Console;

/// <summary>The console's views, one per navigation entry of <see cref="ConsoleShell"/>.</summary>
public enum ConsoleView
{
    Campaign,
    Tasks,
    Ledger,
    Exits,
    Indicators,
    Cadres,
    Monitoring,
    Funds,
    Loans,
    Projects,
}
