using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Azure.Data.Tables;
using Workflow.Domain.Register;

namespace Workflow.App.Register;

/// <summary>
/// How a household is laid out as one table row. Its members are a JSON array inside the row rather than rows of
/// their own, so that writing a household replaces its member list whole and a member who left cannot linger.
/// </summary>
internal static class HouseholdEntity
{
    /// <summary>
    /// The longest text kept in one cell. Far above any real name or household number, and low enough that a household
    /// of the largest size fits a table row and its number a key, whatever a hostile file holds.
    /// </summary>
    public const int MaxTextLength = 100;

    // Chinese names (and indicator names) stay readable in the stored JSON (and a third of the size) instead of becoming \uXXXX escapes.
    private static readonly JsonSerializerOptions MemberJson = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    // The SDK's entity holds its keys (and, once read, Timestamp and odata.etag) among its properties. The fingerprint
    // has the keys once, up front, and then only the row's own properties, so the fingerprints already in the index
    // (taken when the keys were not properties) still match and an import after the switch rewrites nothing.
    private static readonly string[] SystemProperties = ["PartitionKey", "RowKey", "Timestamp", "odata.etag"];

    public static TableEntity ToEntity(string countyCode, RegisteredHousehold registered)
    {
        ArgumentNullException.ThrowIfNull(registered);
        var household = registered.Household;
        var entity = new TableEntity(
            RegisterKeys.TownshipPartition(countyCode, registered.TownshipCode),
            RegisterKeys.HouseholdRow(household.Number))
        {
            ["TownshipCode"] = registered.TownshipCode,
            ["Township"] = registered.Township,
            ["VillageCode"] = registered.VillageCode,
            ["Village"] = registered.Village,
            ["Number"] = household.Number,
            ["Cause"] = household.Cause.ToString(),
            ["Status"] = household.Status.ToString(),
            ["Monitoring"] = household.Monitoring.ToString(),
            ["IncomeYear"] = household.Income.Year,
            ["PerCapitaNetIncome"] = household.Income.PerCapitaNetIncome.ToString(CultureInfo.InvariantCulture),
            ["ResponsibleCadre"] = household.ResponsibleCadre,
            ["Members"] = JsonSerializer.Serialize(household.Members.Select(m => new StoredMember(m.Name, m.IdNumber.Reveal(), m.Relationship.ToString())), MemberJson),
        };
        if (household.ExitYear is { } exitYear)
        {
            entity["ExitYear"] = exitYear;
        }

        if (household.Income.NetIncome is { } netIncome)
        {
            entity["NetIncome"] = netIncome.ToString(CultureInfo.InvariantCulture);
        }

        return entity;
    }

    public static RegisteredHousehold FromEntity(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var members = JsonSerializer.Deserialize<List<StoredMember>>(Text(entity, "Members"), MemberJson)!
            .Select(m => new Member(m.Name, ResidentIdNumber.Parse(m.IdNumber), Enum.Parse<Relationship>(m.Relationship)))
            .ToList();
        var netIncome = entity.GetString("NetIncome");
        var household = new Household(
            Text(entity, "Number"),
            members,
            Enum.Parse<PovertyCause>(Text(entity, "Cause")),
            Enum.Parse<PovertyStatus>(Text(entity, "Status")),
            entity.GetInt32("ExitYear"),
            Enum.Parse<MonitoringCategory>(Text(entity, "Monitoring")),
            new HouseholdIncome(
                entity.GetInt32("IncomeYear") ?? throw Missing(entity, "IncomeYear"),
                decimal.Parse(Text(entity, "PerCapitaNetIncome"), CultureInfo.InvariantCulture),
                netIncome is null ? null : decimal.Parse(netIncome, CultureInfo.InvariantCulture)),
            Text(entity, "ResponsibleCadre"));
        return new RegisteredHousehold(Text(entity, "TownshipCode"), Text(entity, "Township"), Text(entity, "VillageCode"), Text(entity, "Village"), household, ExitOf(entity),
            EntryOf(entity));
    }

    /// <summary>The columns cases write on a household row (<see cref="WriteExit"/>, <see cref="WriteEntry"/>, a refused exit's reason).</summary>
    private static readonly string[] CaseColumns =
        ["ExitDate", "ExitCaseId", "ExitVerifiedIncome", "ExitIndicators", "LastExitCaseId", "LastExitRejection", "EntryCaseId", "EntryDate", "EntryKind", "EntryReason"];

    /// <summary>
    /// Carries what cases wrote on the stored row onto the row an import is about to write, so a changed household keeps
    /// its 销号 and 挂号. Once a case has decided the household's standing (an approved exit or entry), its 脱贫状态 and
    /// 脱贫年度 stay as the case left them whatever the file says: the register changes standing only by procedure
    /// (000: “脱贫销号，返贫挂号，做到退出有标准、纳入有程序”). The fingerprint is taken before, from the file's values,
    /// so importing the same file again still finds the household unchanged.
    /// </summary>
    /// <returns>Whether the file's 脱贫状态 differed from the case's and was not applied.</returns>
    public static bool CarryCaseColumns(TableEntity stored, TableEntity imported)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(imported);
        foreach (var column in CaseColumns.Where(stored.ContainsKey))
        {
            imported[column] = stored[column];
        }

        if (stored.GetString("ExitCaseId") is not { Length: > 0 } && stored.GetString("EntryCaseId") is not { Length: > 0 })
        {
            return false;
        }

        var overridden = !string.Equals(imported.GetString("Status"), stored.GetString("Status"), StringComparison.Ordinal);
        imported["Status"] = stored["Status"];
        if (stored.TryGetValue("ExitYear", out var exitYear))
        {
            imported["ExitYear"] = exitYear;
        }
        else
        {
            imported.Remove("ExitYear");
        }

        return overridden;
    }

    /// <summary>
    /// The columns an approved entry case adds at 挂号 (<see cref="RegisterStore.RecordEntryAsync"/>). As for the exit
    /// columns, they are not part of the import layout: an import keeps them (<see cref="CarryCaseColumns"/>) and the
    /// fingerprint never has them.
    /// </summary>
    public static void WriteEntry(TableEntity row, EntryRecord record)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(record);
        row["EntryCaseId"] = record.CaseId;
        row["EntryDate"] = record.EntryDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        row["EntryKind"] = record.Kind.ToString();
        row["EntryReason"] = record.Reason;
    }

    /// <summary>The entry case that last registered the household, or null when none did.</summary>
    private static EntryRecord? EntryOf(TableEntity entity) =>
        entity.GetString("EntryCaseId") is { Length: > 0 } caseId && entity.GetString("EntryDate") is { } date
            ? new EntryRecord(caseId, DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                Enum.Parse<Workflow.Domain.Entries.EntryKind>(Text(entity, "EntryKind")), entity.GetString("EntryReason") ?? string.Empty)
            : null;

    /// <summary>
    /// The columns an approved exit case adds to the row (<see cref="RegisterStore.RecordExitAsync"/>). They are not part
    /// of the import layout: an import keeps them (<see cref="CarryCaseColumns"/>), and the fingerprint never has them.
    /// </summary>
    public static void WriteExit(TableEntity row, ExitRecord record)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(record);
        row["ExitYear"] = record.ExitYear;
        row["ExitDate"] = record.ExitDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        row["ExitCaseId"] = record.CaseId;
        row["ExitVerifiedIncome"] = record.VerifiedPerCapitaNetIncome?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
        row["ExitIndicators"] = JsonSerializer.Serialize(record.Indicators, MemberJson);
    }

    /// <summary>The exit case that deregistered the household, or null when none did (never exited, or imported as exited).</summary>
    private static ExitRecord? ExitOf(TableEntity entity)
    {
        if (entity.GetString("ExitCaseId") is not { Length: > 0 } caseId || entity.GetString("ExitDate") is not { } date)
        {
            return null;
        }

        var income = entity.GetString("ExitVerifiedIncome");
        var indicators = entity.GetString("ExitIndicators");
        return new ExitRecord(caseId, DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture), null)
        {
            StandardYear = entity.GetInt32("ExitYear"),
            VerifiedPerCapitaNetIncome = string.IsNullOrEmpty(income) ? null : decimal.Parse(income, CultureInfo.InvariantCulture),
            Indicators = string.IsNullOrEmpty(indicators) ? [] : JsonSerializer.Deserialize<List<VerifiedIndicator>>(indicators, MemberJson)!,
        };
    }

    /// <summary>The columns <see cref="MatchOf"/> reads.</summary>
    public static IReadOnlyList<string> MatchColumns { get; } = ["Number", "TownshipCode", "Township", "VillageCode", "Village", "Status", "Members"];

    /// <summary>The household as a search lists it: its head's name is read from the member list, no 身份证号 is kept.</summary>
    public static HouseholdMatch MatchOf(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var head = JsonSerializer.Deserialize<List<StoredMember>>(Text(entity, "Members"), MemberJson)!
            .First(m => m.Relationship == nameof(Relationship.Head));
        return new HouseholdMatch(Text(entity, "Number"), head.Name, Text(entity, "TownshipCode"), Text(entity, "Township"), Text(entity, "VillageCode"),
            Text(entity, "Village"), Enum.Parse<PovertyStatus>(Text(entity, "Status")));
    }

    /// <summary>The columns <see cref="CadreHouseholdOf"/> reads.</summary>
    public static IReadOnlyList<string> CadreColumns { get; } = ["Number", "Township", "Village", "Status", "Members", "ResponsibleCadre"];

    /// <summary>The household as its cadre's list shows it; the cadre is named by name and township (<see cref="Cadre"/>).</summary>
    public static CadreHousehold CadreHouseholdOf(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var head = JsonSerializer.Deserialize<List<StoredMember>>(Text(entity, "Members"), MemberJson)!
            .First(m => m.Relationship == nameof(Relationship.Head));
        var township = Text(entity, "Township");
        return new CadreHousehold(new Cadre(township, Text(entity, "ResponsibleCadre")), Text(entity, "Number"), head.Name, township,
            Text(entity, "Village"), Enum.Parse<PovertyStatus>(Text(entity, "Status")));
    }

    /// <summary>The columns <see cref="TallyOf"/> reads.</summary>
    public static IReadOnlyList<string> TallyColumns { get; } = ["VillageCode", "Members", "Status", "Monitoring", "IncomeYear", "PerCapitaNetIncome", "ExitYear", "ExitVerifiedIncome"];

    public static HouseholdTally TallyOf(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var members = JsonDocument.Parse(Text(entity, "Members"));
        var (incomeYear, income) = LatestIncome.Of(
            entity.GetInt32("IncomeYear") ?? throw Missing(entity, "IncomeYear"),
            decimal.Parse(Text(entity, "PerCapitaNetIncome"), CultureInfo.InvariantCulture),
            entity.GetInt32("ExitYear"),
            entity.GetString("ExitVerifiedIncome") is { Length: > 0 } verified ? decimal.Parse(verified, CultureInfo.InvariantCulture) : null);
        return new HouseholdTally(
            Text(entity, "VillageCode"),
            members.RootElement.GetArrayLength(),
            Enum.Parse<PovertyStatus>(Text(entity, "Status")),
            Enum.Parse<MonitoringCategory>(Text(entity, "Monitoring")),
            incomeYear,
            income);
    }

    /// <summary>
    /// A digest of everything the row holds, keys included. The index keeps it, so an import tells an unchanged
    /// household from a changed one without reading the household rows, and leaves unchanged rows untouched.
    /// </summary>
    public static string Fingerprint(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var canonical = new StringBuilder();
        canonical.Append(entity.PartitionKey).Append('\n').Append(entity.RowKey).Append('\n');
        foreach (var (name, value) in entity.Where(p => !SystemProperties.Contains(p.Key, StringComparer.Ordinal)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            canonical.Append(name).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    /// <summary>The cells too long to store, as (member index or null for the household's own cells, column).</summary>
    public static IEnumerable<(int? Member, string Column)> TooLongCells(Household household)
    {
        ArgumentNullException.ThrowIfNull(household);
        if (household.Number.Length > MaxTextLength) yield return (null, RegisterColumns.HouseholdNumber);
        if (household.Head.Name.Length > MaxTextLength) yield return (null, RegisterColumns.HeadName);
        if (household.ResponsibleCadre.Length > MaxTextLength) yield return (null, RegisterColumns.ResponsibleCadre);
        for (var i = 0; i < household.Members.Count; i++)
        {
            if (household.Members[i].Name.Length > MaxTextLength) yield return (i, RegisterColumns.MemberName);
        }
    }

    private static string Text(TableEntity entity, string name) => entity.GetString(name) ?? throw Missing(entity, name);

    private static InvalidOperationException Missing(TableEntity entity, string name) =>
        new($"Household row {entity.PartitionKey}/{entity.RowKey} has no {name}.");

    private sealed record StoredMember(string Name, string IdNumber, string Relationship);
}
