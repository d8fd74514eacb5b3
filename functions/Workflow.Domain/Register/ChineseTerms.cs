using System.Reflection;

namespace Workflow.Domain.Register;

/// <summary>Reads and writes enum members as the Chinese terms declared with <see cref="ChineseTermAttribute"/>.</summary>
public static class ChineseTerms
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        Terms<TEnum>.Canonical.TryGetValue(value, out var term)
            ? term
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"{typeof(TEnum).Name} has no such member.");

    public static bool TryParse<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum =>
        Terms<TEnum>.ByTerm.TryGetValue((text ?? string.Empty).Trim(), out value);

    /// <summary>The canonical terms in declaration order, for "可选：…" hints in error messages.</summary>
    public static IReadOnlyList<string> All<TEnum>() where TEnum : struct, Enum => Terms<TEnum>.InOrder;

    private static class Terms<TEnum> where TEnum : struct, Enum
    {
        internal static readonly Dictionary<TEnum, string> Canonical = [];
        internal static readonly Dictionary<string, TEnum> ByTerm = new(StringComparer.Ordinal);
        internal static readonly List<string> InOrder = [];

        static Terms()
        {
            foreach (var field in typeof(TEnum).GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                var attribute = field.GetCustomAttribute<ChineseTermAttribute>()
                    ?? throw new InvalidOperationException($"{typeof(TEnum).Name}.{field.Name} has no Chinese term.");
                var value = (TEnum)field.GetValue(null)!;
                Canonical[value] = attribute.Term;
                InOrder.Add(attribute.Term);
                foreach (var term in attribute.Aliases.Prepend(attribute.Term))
                {
                    ByTerm.Add(term, value);
                }
            }
        }
    }
}
