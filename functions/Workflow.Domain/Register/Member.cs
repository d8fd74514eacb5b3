namespace Workflow.Domain.Register;

/// <summary>家庭成员 — one person of a registered household; sex and birth date come from the 身份证号.</summary>
public sealed record Member(string Name, ResidentIdNumber IdNumber, Relationship Relationship)
{
    public Sex Sex => IdNumber.Sex;

    public DateOnly BirthDate => IdNumber.BirthDate;
}
