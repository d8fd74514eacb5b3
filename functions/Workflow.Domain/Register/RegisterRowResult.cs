using System.Diagnostics.CodeAnalysis;

namespace Workflow.Domain.Register;

/// <summary>Either a valid <see cref="RegisterRow"/> or the row's errors, never both.</summary>
public sealed class RegisterRowResult
{
    private RegisterRowResult(RegisterRow? row, IReadOnlyList<ImportError> errors, string? householdNumber)
    {
        Row = row;
        Errors = errors;
        HouseholdNumber = householdNumber;
    }

    public RegisterRow? Row { get; }

    public IReadOnlyList<ImportError> Errors { get; }

    /// <summary>The row's 户编号 as written, even when the row is invalid, so its whole household can be held back.</summary>
    public string? HouseholdNumber { get; }

    [MemberNotNullWhen(true, nameof(Row))]
    public bool IsValid => Row is not null;

    internal static RegisterRowResult Valid(RegisterRow row) => new(row, [], row.HouseholdNumber);

    internal static RegisterRowResult Invalid(IReadOnlyList<ImportError> errors, string? householdNumber) =>
        new(null, errors, householdNumber);
}
