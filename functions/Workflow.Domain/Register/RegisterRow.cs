namespace Workflow.Domain.Register;

/// <summary>One import row that passed validation: a member plus the facts of the household it belongs to.</summary>
public sealed record RegisterRow(
    int Line,
    string Township,
    string Village,
    string HouseholdNumber,
    string HeadName,
    Member Member,
    int DeclaredSize,
    PovertyCause Cause,
    PovertyStatus Status,
    int? ExitYear,
    MonitoringCategory Monitoring,
    decimal PerCapitaNetIncome,
    decimal? NetIncome,
    string ResponsibleCadre);
