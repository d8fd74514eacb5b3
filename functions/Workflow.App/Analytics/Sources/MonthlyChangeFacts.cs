using System.Globalization;
using System.Runtime.CompilerServices;
using Workflow.App.Register;
using Workflow.Domain.Entries;

namespace Workflow.App.Analytics.Sources;

/// <summary>
/// FactMonthlyChange: one row per change of a household in a month, the figures of the month-end report. Seed
/// 002_5f21325f1a4d38f3.txt: "每半个月入户回访一次，并指派专人每月统计一次辖区内新发生的符合纳入条件贫困人口、返贫人口、自然死亡贫困人口数量，详细记录每名贫困人口调整变动原因，月底前上报扶贫办。"
/// 新识别 and 返贫 come from the register's 挂号 record (<see cref="EntryRecord"/>), 脱贫 from its 销号 record
/// (<see cref="ExitRecord"/>), each dated by the day the register changed; 死亡 from the monthly checks' deaths. The
/// register keeps a household's latest entry and exit only, so an earlier one replaced by a later is not listed.
/// </summary>
public sealed class MonthlyChangeFacts(RegisterStore register, MonitoringRounds rounds) : IExportSource
{
    public const string NewEntry = "新识别";
    public const string Relapse = "返贫";
    public const string Exit = "脱贫";
    public const string Death = "死亡";

    public static ExportTable Definition { get; } = new(
        "FactMonthlyChange",
        ExportTableKind.Fact,
        "one row per change of a household in a month: 新识别, 返贫, 脱贫 or 死亡",
        "county code|month of the change (yyyy-MM)",
        [
            new("ChangeKey", ColumnType.String, "HouseholdKey-yyyyMM-kind (new-entry, relapse, exit, death)"),
            new("HouseholdKey", ColumnType.String, "DimHousehold"),
            new("CountyCode", ColumnType.String, "县 code"),
            new("TownshipKey", ColumnType.String, "DimTownship"),
            new("VillageKey", ColumnType.String, "DimVillage"),
            new("Month", ColumnType.String, "yyyy-MM"),
            new("ChangeDate", ColumnType.Date, "DimDate: 挂号 or 销号 date; for a death, the check's 入户日期"),
            new("Kind", ColumnType.String, "新识别, 返贫, 脱贫 or 死亡"),
            new("People", ColumnType.Int, "people changed: the household's size (家庭人口数), or the members who died"),
            new("Reason", ColumnType.String, "调整变动原因: the entry's stated reason (as on the village notice); 脱贫退出 or 家庭成员死亡"),
        ]);

    public ExportTable Table => Definition;

    public async IAsyncEnumerable<ExportRow> ReadAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var county in scope.Counties)
        {
            var changes = new List<(string Household, string Township, string Village, DateOnly Date, string Code, string Kind, int People, string Reason)>();
            foreach (var township in county.Townships)
            {
                await foreach (var registered in register.ReadTownshipAsync(county.Code, township.Code, cancellationToken).ConfigureAwait(false))
                {
                    var size = registered.Household.Size;
                    if (registered.Entry is { } entry)
                    {
                        var relapse = entry.Kind == EntryKind.Relapse;
                        changes.Add((registered.Household.Number, registered.TownshipCode, registered.VillageCode, entry.EntryDate,
                            relapse ? "relapse" : "new-entry", relapse ? Relapse : NewEntry, size, entry.Reason));
                    }

                    if (registered.Exit is { ExitDate: { } exited })
                    {
                        changes.Add((registered.Household.Number, registered.TownshipCode, registered.VillageCode, exited, "exit", Exit, size, "脱贫退出"));
                    }
                }
            }

            // Every death a check reports, as the month-end change report (Monitoring/Changes) counts them: the two agree.
            foreach (var round in await rounds.ReadAsync(county.Code, cancellationToken).ConfigureAwait(false))
            {
                if (round.Entry.Check is { Risks.MembersDied: > 0 } check)
                {
                    var household = round.Entry.Household;
                    changes.Add((household.Number, household.TownshipCode, household.VillageCode, check.CheckedOn, "death", Death, check.Risks.MembersDied, "家庭成员死亡"));
                }
            }

            // Grouped by month: the exporter takes a partition's rows together.
            foreach (var change in changes.OrderBy(c => c.Date).ThenBy(c => c.Household, StringComparer.Ordinal).ThenBy(c => c.Code, StringComparer.Ordinal))
            {
                var householdKey = scope.Pseudonyms.Of(county.Code, change.Household);
                var month = change.Date.ToString("yyyy-MM", CultureInfo.InvariantCulture);
                var key = $"{householdKey}-{change.Date.ToString("yyyyMM", CultureInfo.InvariantCulture)}-{change.Code}";
                yield return new ExportRow(ExportScope.Partition(county.Code, month), key,
                [
                    key, householdKey, county.Code, ExportScope.Partition(county.Code, change.Township), ExportScope.Partition(county.Code, change.Village),
                    month, change.Date, change.Kind, change.People, change.Reason,
                ]);
            }
        }
    }
}
