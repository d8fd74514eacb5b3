using Azure.Data.Tables;
using Workflow.Domain.Register;

namespace Workflow.App.Register;

/// <summary>
/// A county's index as read in one pass over its partition: the household of every registered 身份证号 (by hash),
/// and the township, content fingerprint and members of every household. An import reads it once and uses it both
/// to catch members registered elsewhere and to leave unchanged households alone.
/// </summary>
public sealed class RegisterIndex
{
    private readonly Dictionary<string, string> _householdOfMember;
    private readonly Dictionary<string, IndexedHousehold> _households;

    private RegisterIndex(Dictionary<string, string> householdOfMember, Dictionary<string, IndexedHousehold> households)
    {
        _householdOfMember = householdOfMember;
        _households = households;
    }

    public int HouseholdCount => _households.Count;

    public int MemberCount => _householdOfMember.Count;

    /// <summary>The 户编号 of each of <paramref name="ids"/> that is already registered.</summary>
    public IReadOnlyDictionary<ResidentIdNumber, string> HouseholdsOf(IEnumerable<ResidentIdNumber> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var found = new Dictionary<ResidentIdNumber, string>();
        foreach (var id in ids)
        {
            if (_householdOfMember.TryGetValue(RegisterKeys.HashOf(id), out var household))
            {
                found.TryAdd(id, household);
            }
        }

        return found;
    }

    internal IndexedHousehold? Household(string number) => _households.GetValueOrDefault(number);

    internal string? HouseholdOfMember(string idNumberHash) => _householdOfMember.GetValueOrDefault(idNumberHash);

    internal static async Task<RegisterIndex> ReadAsync(TableClient index, string countyCode, CancellationToken cancellationToken)
    {
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        var households = new Dictionary<string, IndexedHousehold>(StringComparer.Ordinal);
        await foreach (var row in index.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {countyCode}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (RegisterKeys.IsMemberIndexRow(row.RowKey))
            {
                members[RegisterKeys.MemberIndexHash(row.RowKey)] = row.GetString(IndexedHousehold.HouseholdProperty)!;
            }
            else if (RegisterKeys.IsHouseholdIndexRow(row.RowKey))
            {
                var household = IndexedHousehold.FromEntity(row);
                households[household.Number] = household;
            }
        }

        return new RegisterIndex(members, households);
    }
}
