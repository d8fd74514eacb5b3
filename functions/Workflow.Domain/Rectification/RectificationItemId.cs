using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Workflow.Domain.Rectification;

/// <summary>
/// An item's id is its county, its campaign year and a hash of its finding: <c>220881-2018-3fa9c01b2e4d</c>. Entering
/// or importing the same finding again (a re-uploaded file, a double click) therefore names the same item, and the
/// county and year — the ledger's partition — can be read off the id.
/// </summary>
public static class RectificationItemId
{
    private const int HashHexLength = 12;

    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    public static string For(string countyCode, int year, Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        // Unit separators keep "a" + "bc" apart from "ab" + "c".
        // A county's own source adds its name; a built-in source adds nothing, so ids of items entered before stay the same.
        var source = finding.SourceLabel is { } label ? $"{finding.Source}:{label}" : finding.Source.ToString();
        var content = string.Join('\u001F',
            source, Normalise(finding.Category), Normalise(finding.Description), Normalise(finding.ResponsibleUnit),
            finding.TownshipCode ?? string.Empty, finding.Deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..HashHexLength];
        return string.Create(CultureInfo.InvariantCulture, $"{countyCode}-{year:D4}-{hash}");
    }

    /// <summary>The county and year of a well-formed id, or null: ids arrive in URLs and must not reach a key unchecked.</summary>
    public static (string CountyCode, int Year)? Parse(string? itemId)
    {
        if (itemId is not { Length: 6 + 1 + 4 + 1 + HashHexLength } || itemId[6] != '-' || itemId[11] != '-'
            || itemId.AsSpan(0, 6).ContainsAnyExceptInRange('0', '9')
            || itemId.AsSpan(7, 4).ContainsAnyExceptInRange('0', '9')
            || itemId.AsSpan(12).ContainsAnyExcept(LowerHex))
        {
            return null;
        }

        return (itemId[..6], int.Parse(itemId.AsSpan(7, 4), CultureInfo.InvariantCulture));
    }

    // Whitespace differences (a trailing space, a full-width space from WPS) do not make a different finding.
    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
