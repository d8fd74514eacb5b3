namespace Workflow.Domain.Register;

/// <summary>The townships and villages of one county, against which imported rows are checked by name.</summary>
public sealed class KnownPlaces
{
    private readonly Dictionary<string, HashSet<string>> _villagesByTownship = new(StringComparer.Ordinal);

    public KnownPlaces(IEnumerable<(string Township, string Village)> villages)
    {
        ArgumentNullException.ThrowIfNull(villages);
        foreach (var (township, village) in villages)
        {
            if (!_villagesByTownship.TryGetValue(township, out var names))
            {
                names = new HashSet<string>(StringComparer.Ordinal);
                _villagesByTownship.Add(township, names);
            }

            names.Add(village);
        }
    }

    public static KnownPlaces Of(County county)
    {
        ArgumentNullException.ThrowIfNull(county);
        return new KnownPlaces(county.Townships.SelectMany(t => t.Villages.Select(v => (t.Name, v.Name))));
    }

    public bool HasTownship(string township) => _villagesByTownship.ContainsKey(township);

    public bool HasVillage(string township, string village) =>
        _villagesByTownship.TryGetValue(township, out var names) && names.Contains(village);
}
