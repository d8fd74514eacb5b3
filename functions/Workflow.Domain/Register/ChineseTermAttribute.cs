namespace Workflow.Domain.Register;

/// <summary>
/// The Chinese term a county register uses for an enum member. The first term is the one written on export;
/// the others are spellings seen in county exports that are accepted on import.
/// </summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class ChineseTermAttribute(string term, params string[] aliases) : Attribute
{
    public string Term { get; } = term;

    public IReadOnlyList<string> Aliases { get; } = aliases;
}
