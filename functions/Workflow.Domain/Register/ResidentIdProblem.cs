namespace Workflow.Domain.Register;

/// <summary>Why a text is not a valid 身份证号; the first failing check wins.</summary>
public enum ResidentIdProblem
{
    None,
    Missing,
    WrongLength,
    InvalidCharacter,
    UnknownRegion,
    InvalidBirthDate,
    CheckCharacterMismatch,
}
