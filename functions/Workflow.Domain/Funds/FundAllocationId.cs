using System.Security.Cryptography;
using System.Text;

namespace Workflow.Domain.Funds;

/// <summary>
/// An allocation's id, and its orchestration's: the county and a hash of the township and 文号, so the same
/// allocation entered twice is the same allocation (and one workflow), e.g. fund-532331-3fa9c01b22de.
/// </summary>
public static class FundAllocationId
{
    private const string Prefix = "fund-";

    public static string Of(string countyCode, string townshipCode, string documentNumber)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{townshipCode}\n{documentNumber.Trim()}"));
        return $"{Prefix}{countyCode}-{Convert.ToHexStringLower(hash)[..12]}";
    }

    /// <summary>The county code in an id, or null when it is not an allocation id.</summary>
    public static string? CountyOf(string? allocationId)
    {
        if (allocationId is null || !allocationId.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = allocationId[Prefix.Length..].Split('-');
        return parts is [{ Length: 6 } county, { Length: 12 } hash] && county.All(char.IsAsciiDigit) && hash.All(char.IsAsciiHexDigitLower) ? county : null;
    }
}
