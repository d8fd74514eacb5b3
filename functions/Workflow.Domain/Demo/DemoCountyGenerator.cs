using System.Globalization;
using Workflow.Domain.Register;

namespace Workflow.Domain.Demo;

/// <summary>
/// Generates a fictitious county register that hits a <see cref="DemoCountySpec"/>'s totals exactly. The same spec
/// and seed always give the same county, so demos and tests can rely on what they show.
/// </summary>
/// <remarks>
/// Nationally, 边缘户 are households just outside the register; the register model carries them as registered
/// households with <see cref="MonitoringCategory.Edge"/>, so the generator draws them, like 监测户, from exited
/// households. Every 身份证号 uses the county's region code with a valid check character, and is fictitious.
/// </remarks>
public sealed class DemoCountyGenerator
{
    private static readonly (PovertyCause Cause, int Weight)[] CauseWeights =
    [
        (PovertyCause.Illness, 240), (PovertyCause.Disability, 110), (PovertyCause.Schooling, 70), (PovertyCause.Disaster, 20),
        (PovertyCause.LackOfLand, 30), (PovertyCause.LackOfWater, 20), (PovertyCause.LackOfSkills, 160), (PovertyCause.LackOfLabour, 140),
        (PovertyCause.LackOfFunds, 120), (PovertyCause.PoorTransport, 30), (PovertyCause.LackOfDrive, 50), (PovertyCause.Other, 10),
    ];

    private static readonly int CauseWeightTotal = CauseWeights.Sum(c => c.Weight);

    private readonly DemoCountySpec _spec;
    private readonly Random _random;
    private readonly HashSet<ResidentIdNumber> _issuedIds = [];

    private DemoCountyGenerator(DemoCountySpec spec, int seed)
    {
        _spec = spec;
        _random = new Random(seed);
    }

    public static County Generate(DemoCountySpec spec, int seed)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Check();
        return new DemoCountyGenerator(spec, seed).Generate();
    }

    private County Generate()
    {
        var villagesPerTownship = SplitEvenly(_spec.PoorVillages, _spec.Townships.Count);
        var householdsPerVillage = HouseholdsPerVillage();
        var villageNames = DemoNames.VillageNames(_random, _spec.PoorVillages);
        var profiles = HouseholdProfiles();

        var townships = new List<Township>();
        var village = 0;
        var household = 0;
        for (var t = 0; t < _spec.Townships.Count; t++)
        {
            var townshipCode = Code(_spec.CountyCode, 100 + t);
            var villages = new List<Village>();
            var townshipCadres = new HashSet<string>(StringComparer.Ordinal);
            for (var v = 0; v < villagesPerTownship[t]; v++, village++)
            {
                var villageCode = Code(townshipCode, 200 + v);
                var cadres = Cadres(householdsPerVillage[village], townshipCadres);
                var households = new List<Household>();
                for (var h = 0; h < householdsPerVillage[village]; h++, household++)
                {
                    var number = villageCode + (h + 1).ToString("0000", CultureInfo.InvariantCulture);
                    households.Add(CreateHousehold(number, profiles[household], cadres[h % cadres.Count]));
                }

                villages.Add(new Village(villageCode, villageNames[village], IsPoorVillage: true, households));
            }

            townships.Add(new Township(townshipCode, _spec.Townships[t], villages));
        }

        return new County(_spec.CountyCode, _spec.CountyName, townships);
    }

    private int[] HouseholdsPerVillage()
    {
        var counts = Enumerable.Repeat(1, _spec.PoorVillages).ToArray();
        for (var i = _spec.PoorVillages; i < _spec.Households; i++)
        {
            counts[_random.Next(counts.Length)]++;
        }

        return counts;
    }

    /// <summary>Decides status, monitoring and size for every household so that each total is hit exactly.</summary>
    private Profile[] HouseholdProfiles()
    {
        var order = Enumerable.Range(0, _spec.Households).ToArray();
        _random.Shuffle(order);
        var due = order.Take(_spec.HouseholdsDueToExit).ToArray();
        var exited = order.Skip(_spec.HouseholdsDueToExit).ToArray();

        var profiles = new Profile[_spec.Households];
        var dueSizes = Sizes(due.Length, _spec.PeopleDueToExit);
        for (var i = 0; i < due.Length; i++)
        {
            profiles[due[i]] = new Profile(dueSizes[i], PovertyStatus.NotExited, MonitoringCategory.None);
        }

        var exitedSizes = Sizes(exited.Length, _spec.People - _spec.PeopleDueToExit);
        for (var i = 0; i < exited.Length; i++)
        {
            var monitoring = i < _spec.MonitoredHouseholds ? MonitoringCategory.Monitored
                : i < _spec.MonitoredHouseholds + _spec.EdgeHouseholds ? MonitoringCategory.Edge
                : MonitoringCategory.None;
            // Households the county still watches keep their policies; only comfortable ones are moved off them.
            var status = monitoring == MonitoringCategory.None && _random.Next(25) == 0 ? PovertyStatus.ExitedNoPolicy : PovertyStatus.ExitedWithPolicy;
            profiles[exited[i]] = new Profile(exitedSizes[i], status, monitoring);
        }

        return profiles;
    }

    /// <summary>Spreads <paramref name="people"/> over <paramref name="households"/>, each with 1 to the maximum size.</summary>
    private int[] Sizes(int households, int people)
    {
        var sizes = Enumerable.Repeat(1, households).ToArray();
        for (var remaining = people - households; remaining > 0;)
        {
            var i = _random.Next(households);
            if (sizes[i] < DemoCountySpec.MaxHouseholdSize)
            {
                sizes[i]++;
                remaining--;
            }
        }

        return sizes;
    }

    private Household CreateHousehold(string number, Profile profile, string cadre)
    {
        var members = Members(profile.Size);
        var line = _spec.IncomeLine;
        var (low, high) = (profile.Status, profile.Monitoring) switch
        {
            (PovertyStatus.NotExited, _) => (0.85m, 1.35m),
            (_, MonitoringCategory.Monitored) => (1.00m, 1.40m),
            (_, MonitoringCategory.Edge) => (1.05m, 1.50m),
            (PovertyStatus.ExitedNoPolicy, _) => (2.50m, 5.00m),
            _ => (1.40m, 3.50m),
        };
        var perCapita = decimal.Round(line * (low + ((high - low) * (decimal)_random.NextDouble())));
        int? exitYear = profile.Status == PovertyStatus.NotExited ? null : _random.Next(RegisterRowValidator.FirstExitYear, _spec.Year);
        return new Household(
            number, members, Cause(), profile.Status, exitYear, profile.Monitoring,
            new HouseholdIncome(_spec.Year, perCapita, perCapita * profile.Size), cadre);
    }

    private List<Member> Members(int size)
    {
        var headAge = _random.Next(28, 79);
        var headMale = _random.Next(100) < 85;
        var familyName = DemoNames.Surname(_random);
        var members = new List<Member> { Resident(familyName, headMale, headAge, Relationship.Head) };
        if (size >= 2 && _random.Next(100) < 85)
        {
            members.Add(Resident(DemoNames.Surname(_random), !headMale, Math.Clamp(headAge + _random.Next(-5, 6), 20, 95), Relationship.Spouse));
        }

        var children = 0;
        var parents = 0;
        while (members.Count < size)
        {
            var male = _random.Next(2) == 0;
            if (children < 3)
            {
                children++;
                var age = _random.Next(Math.Max(0, headAge - 40), headAge - 19);
                members.Add(Resident(familyName, male, age, male ? Relationship.Son : Relationship.Daughter));
            }
            else if (headAge < 60 && parents < 2)
            {
                var father = parents++ == 0;
                members.Add(Resident(father ? familyName : DemoNames.Surname(_random), father, Math.Min(95, headAge + _random.Next(22, 31)),
                    father ? Relationship.Father : Relationship.Mother));
            }
            else
            {
                members.Add(Resident(familyName, male, _random.Next(0, Math.Max(1, headAge - 44)), male ? Relationship.Grandson : Relationship.Granddaughter));
            }
        }

        return members;
    }

    private Member Resident(string familyName, bool male, int age, Relationship relationship)
    {
        var birthYear = _spec.Year - age;
        var birthDate = new DateOnly(birthYear, 1, 1).AddDays(_random.Next(DateTime.IsLeapYear(birthYear) ? 366 : 365));
        ResidentIdNumber id;
        do
        {
            // The last digit of the sequence is odd for men and even for women.
            var sequence = (_random.Next(100) * 10) + (_random.Next(5) * 2) + (male ? 1 : 0);
            id = ResidentIdNumber.Create(_spec.CountyCode, birthDate, sequence);
        }
        while (!_issuedIds.Add(id));

        return new Member(familyName + DemoNames.Given(_random, male), id, relationship);
    }

    /// <summary>
    /// A village's 帮扶责任人: enough that, dealt the households in turn, none holds more than the default
    /// <see cref="CadreLimit"/> (003: “每人帮扶不超过 5 户”), each a name no other cadre of the township has, since the
    /// register tells cadres apart by name and township (<see cref="Cadre"/>).
    /// </summary>
    private List<string> Cadres(int households, HashSet<string> townshipCadres)
    {
        var perCadre = CadreLimit.Default.MaxHouseholds;
        var count = Math.Max(_random.Next(3, 9), (households + perCadre - 1) / perCadre);
        var cadres = new List<string>(count);
        while (cadres.Count < count)
        {
            var name = PersonName(_random.Next(4) > 0);
            if (townshipCadres.Add(name))
            {
                cadres.Add(name);
            }
        }

        return cadres;
    }

    private string PersonName(bool male) => DemoNames.Surname(_random) + DemoNames.Given(_random, male);

    private PovertyCause Cause()
    {
        var roll = _random.Next(CauseWeightTotal);
        foreach (var (cause, weight) in CauseWeights)
        {
            if (roll < weight)
            {
                return cause;
            }

            roll -= weight;
        }

        return PovertyCause.Other;
    }

    private static int[] SplitEvenly(int total, int parts) =>
        Enumerable.Range(0, parts).Select(i => (total / parts) + (i < total % parts ? 1 : 0)).ToArray();

    private static string Code(string parent, int child) => parent + child.ToString("000", CultureInfo.InvariantCulture);

    private readonly record struct Profile(int Size, PovertyStatus Status, MonitoringCategory Monitoring);
}
