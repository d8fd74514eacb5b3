namespace Workflow.App.Register;

/// <summary>
/// What an ended exit case writes on the household's register row. Approved (销号): the case, the date, and what the
/// case judged by — the year of its standard, which is the household's 脱贫年度, and the values the household visit
/// verified. The registered income is left as imported (the figure the household was listed with) and the verified
/// one kept beside it, so the register says both and never contradicts the case. Not approved: the reason.
/// </summary>
/// <param name="ExitDate">销号日期, the day the register was changed; null when the case was not approved.</param>
public sealed record ExitRecord(string CaseId, DateOnly? ExitDate, string? RejectedReason)
{
    /// <summary>The year of the standard the case applied (退出标准年度); null for a record written without its case.</summary>
    public int? StandardYear { get; init; }

    /// <summary>人均纯收入 as verified at the household visit (入户核查), yuan.</summary>
    public decimal? VerifiedPerCapitaNetIncome { get; init; }

    /// <summary>The household indicators as verified, each with its standard.</summary>
    public IReadOnlyList<VerifiedIndicator> Indicators { get; init; } = [];

    /// <summary>脱贫年度: the standard's year — a household judged by the 2020 line exited in 2020, whenever the register was changed.</summary>
    public int? ExitYear => ExitDate is { } date ? StandardYear ?? date.Year : null;
}
