using System.Globalization;
using System.Text;
using Workflow.Domain.Demo;
using Workflow.Domain.Register;
using Workflow.App.Register;

namespace Workflow.StoragePaths.Bench;

/// <summary>A household of the imported file that is not yet exited: a case can be started for it.</summary>
internal sealed record DueHousehold(string Number, string VillageCode);

/// <summary>
/// A register file for the demo county 禄丰 (which the app loads at start, Demo:Load) holding households it does not
/// have yet, so importing it adds every one: households of a second generated county with the same townships and
/// village codes, numbered above the demo's (village code + 5001…) and placed in the demo's villages by name, without
/// any whose 身份证号 the demo already issued. A quarter are not yet exited, for the exit cases. The file is CSV in
/// UTF-8 with a BOM, one row per member in the county export layout (the app's import reads this; see
/// RegisterFiles.RowsOf in the tests, the same layout). Deterministic: every round imports the same bytes.
/// </summary>
internal sealed class SyntheticRegister
{
    private const int Seed = 17;
    private const int NumberOffset = 5000;

    private SyntheticRegister(byte[] csv, int rows, int households, IReadOnlyList<DueHousehold> dueToExit)
    {
        Csv = csv;
        Rows = rows;
        Households = households;
        DueToExit = dueToExit;
    }

    public static DemoCountySpec Demo => DemoCountySpec.Lufeng2020;

    public byte[] Csv { get; }

    public int Rows { get; }

    public int Households { get; }

    /// <summary>The not-yet-exited households of the file, taken from the villages in turn so cases spread over the county.</summary>
    public IReadOnlyList<DueHousehold> DueToExit { get; }

    public static SyntheticRegister Create(int rows)
    {
        var demo = DemoCountyGenerator.Generate(Demo, DemoCountyLoader.LufengSeed);
        var issued = demo.Townships.SelectMany(t => t.Villages).SelectMany(v => v.Households).SelectMany(h => h.Members).Select(m => m.IdNumber).ToHashSet();
        var villageNames = demo.Townships.SelectMany(t => t.Villages).ToDictionary(v => v.Code, v => v.Name, StringComparer.Ordinal);

        // A few more people than rows, so the households left out (an issued 身份证号) or not fitting still leave enough.
        var people = rows + (rows / 20) + 100;
        var households = people * 28 / 100;
        var due = households / 4;
        var donor = DemoCountyGenerator.Generate(Demo with
        {
            Households = households,
            People = people,
            HouseholdsDueToExit = due,
            PeopleDueToExit = due * 3,
            EdgeHouseholds = 0,
            MonitoredHouseholds = 0,
        }, Seed);

        var lines = new List<string[]> { RegisterColumns.InExportOrder.ToArray() };
        var dueByVillage = new List<List<DueHousehold>>();
        var taken = 0;
        foreach (var township in donor.Townships)
        {
            foreach (var village in township.Villages)
            {
                var villageName = villageNames.TryGetValue(village.Code, out var name)
                    ? name
                    : throw new InvalidOperationException($"The demo county has no village {village.Code}.");
                var dueHere = new List<DueHousehold>();
                foreach (var (household, index) in village.Households.Select((h, i) => (h, i)))
                {
                    if (lines.Count - 1 + household.Size > rows || household.Members.Any(m => issued.Contains(m.IdNumber)))
                    {
                        continue;
                    }

                    var number = village.Code + (NumberOffset + index + 1).ToString("0000", CultureInfo.InvariantCulture);
                    lines.AddRange(RowsOf(township.Name, villageName, number, household));
                    taken++;
                    if (household.Status == PovertyStatus.NotExited)
                    {
                        dueHere.Add(new DueHousehold(number, village.Code));
                    }
                }

                dueByVillage.Add(dueHere);
            }
        }

        var dueToExit = Enumerable.Range(0, dueByVillage.Max(v => v.Count))
            .SelectMany(i => dueByVillage.Where(v => i < v.Count).Select(v => v[i]))
            .ToList();
        return new SyntheticRegister(CsvOf(lines), lines.Count - 1, taken, dueToExit);
    }

    /// <summary>One row per member, the household's facts repeated, full 身份证号 (as a county exports them).</summary>
    private static IEnumerable<string[]> RowsOf(string township, string village, string number, Household household) =>
        household.Members.Select(member => new[]
        {
            township, village, number, household.Head.Name, member.Name, ChineseTerms.Of(member.Relationship),
            member.IdNumber.Reveal(), member.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            household.Size.ToString(CultureInfo.InvariantCulture), ChineseTerms.Of(household.Cause), ChineseTerms.Of(household.Status),
            household.ExitYear?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, ChineseTerms.Of(household.Monitoring),
            household.Income.PerCapitaNetIncome.ToString(CultureInfo.InvariantCulture),
            household.Income.NetIncome?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, household.ResponsibleCadre,
        });

    /// <summary>RFC 4180: cells with a comma, quote or line break quoted, quotes doubled, CRLF line ends; UTF-8 with a BOM.</summary>
    private static byte[] CsvOf(IEnumerable<string[]> lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.AppendJoin(',', line.Select(cell =>
                cell.IndexOfAny(['"', ',', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell));
            text.Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }
}
