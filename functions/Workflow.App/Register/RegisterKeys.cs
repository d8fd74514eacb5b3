using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Workflow.Domain.Register;

namespace Workflow.App.Register;

/// <summary>
/// The key scheme of the register tables. Household rows are partitioned by county|township, so "all households of a
/// township" is one partition read and "one household" a point read once its township is known; the county's index
/// partition says which township that is. 身份证号 never appear in a key: keys travel in request URLs and service logs,
/// so the index is keyed by the number's SHA-256.
/// </summary>
internal static class RegisterKeys
{
    /// <summary>The one partition of the counties table: a deployment has a handful of counties.</summary>
    public const string CountiesPartition = "county";

    private const string HouseholdIndexPrefix = "h|";
    private const string MemberIndexPrefix = "m|";

    public static string TownshipPartition(string countyCode, string townshipCode) => $"{countyCode}|{townshipCode}";

    public static string HouseholdRow(string householdNumber) => Escape(householdNumber);

    public static string HouseholdIndexRow(string householdNumber) => HouseholdIndexPrefix + Escape(householdNumber);

    public static string MemberIndexRow(string idNumberHash) => MemberIndexPrefix + idNumberHash;

    public static bool IsHouseholdIndexRow(string rowKey) => rowKey.StartsWith(HouseholdIndexPrefix, StringComparison.Ordinal);

    public static bool IsMemberIndexRow(string rowKey) => rowKey.StartsWith(MemberIndexPrefix, StringComparison.Ordinal);

    public static string MemberIndexHash(string rowKey) => rowKey[MemberIndexPrefix.Length..];

    /// <summary>
    /// Not a protection against someone who can read the tables (the members' rows hold the full numbers): it keeps the
    /// numbers out of URLs and logs, where a key ends up.
    /// </summary>
    public static string HashOf(ResidentIdNumber id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(id.Reveal())));
    }

    /// <summary>
    /// Household numbers are the county's own text, and keys may not hold / \ # ? or control characters: those, and
    /// the escape character itself, become %XX, so every number has exactly one key.
    /// </summary>
    private static string Escape(string text)
    {
        if (!text.Any(NeedsEscape))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (NeedsEscape(c))
            {
                escaped.Append(CultureInfo.InvariantCulture, $"%{(int)c:X2}");
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    private static bool NeedsEscape(char c) => c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c);
}
