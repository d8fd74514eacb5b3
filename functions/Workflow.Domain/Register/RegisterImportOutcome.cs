namespace Workflow.Domain.Register;

/// <summary>What an import file yields: the households to store and every problem, ordered by line then column.</summary>
public sealed record RegisterImportOutcome(IReadOnlyList<ImportedHousehold> Households, IReadOnlyList<ImportError> Errors, int RowCount)
{
    public int ImportedRowCount => Households.Sum(h => h.Lines.Count);

    /// <summary>Lines that produced at least one error; every other data line was imported.</summary>
    public int RejectedRowCount => RowCount - ImportedRowCount;
}
