using Workflow.Domain.Register;

namespace Workflow.Domain.Rectification;

/// <summary>
/// The 反馈问题来源 a county may name: the built-in ones (by any of their Chinese names) and the county's own from
/// Rectification/Sources/*.json. The import, the entry form and the ledger's filter all read a source through this,
/// so what one accepts the others accept, and every refusal lists what the county can use.
/// </summary>
public sealed class FindingSourceChoices
{
    private static readonly Lazy<IReadOnlyList<AddedFindingSources>> Shipped =
        new(() => EmbeddedData.ReadAll<AddedFindingSources>("Rectification.Sources").Select(s => s.Checked()).ToList());

    private static readonly FindingSource[] BuiltIn = Enum.GetValues<FindingSource>().Where(s => s != FindingSource.CountyDefined).ToArray();

    private readonly HashSet<string> _added;

    /// <param name="added">The county's own source names.</param>
    public FindingSourceChoices(IEnumerable<string> added)
    {
        ArgumentNullException.ThrowIfNull(added);
        _added = new HashSet<string>(added, StringComparer.Ordinal);
        Names = [.. BuiltIn.Select(s => ChineseTerms.Of(s)), .. _added];
    }

    /// <summary>Every county's own sources as shipped.</summary>
    public static IReadOnlyList<AddedFindingSources> AllAdded => Shipped.Value;

    /// <summary>The sources the county may name: the built-in ones and the county's own.</summary>
    public static FindingSourceChoices For(string countyCode) =>
        new(AllAdded.Where(a => a.CountyCode == countyCode).SelectMany(a => a.Sources).Select(s => s.Name));

    /// <summary>The names the county may use, in the order a select list offers them: built-in first, then the county's own.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>"可填：…" for refusals.</summary>
    public string Listed => string.Join("、", Names);

    /// <summary>Reads a source by a Chinese name (or, for the built-in ones, the member name a stored filter link carries).</summary>
    public bool TryRead(string? text, out FindingSource source, out string? label)
    {
        var trimmed = (text ?? string.Empty).Trim();
        label = null;
        if (_added.Contains(trimmed))
        {
            source = FindingSource.CountyDefined;
            label = trimmed;
            return true;
        }

        if ((ChineseTerms.TryParse(trimmed, out source) || MemberNamed(trimmed, out source)) && source != FindingSource.CountyDefined)
        {
            return true;
        }

        source = default;
        return false;
    }

    /// <summary>The name a page shows for a source: the county's own name, or the built-in source's Chinese term.</summary>
    public static string NameOf(FindingSource source, string? label) =>
        source == FindingSource.CountyDefined && label is { Length: > 0 } ? label : ChineseTerms.Of(source);

    internal static bool IsBuiltIn(string name) => ChineseTerms.TryParse<FindingSource>(name, out _) || MemberNamed(name, out _);

    // Names only: Enum.TryParse would also take "3" or "1,2".
    private static bool MemberNamed(string text, out FindingSource source)
    {
        source = default;
        return Enum.GetNames<FindingSource>().Contains(text, StringComparer.Ordinal) && Enum.TryParse(text, ignoreCase: false, out source);
    }
}
