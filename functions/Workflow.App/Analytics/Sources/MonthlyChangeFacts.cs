using System.Globalization;
using System.Runtime.CompilerServices;
using Workflow.App.Register;
using Workflow.App.Monitoring.Changes;
using Workflow.Domain.Monitoring;

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
            // The month-end change report's own reading (Monitoring/Changes), so the report and this fact count alike.
            var changes = new List<ChangeLine>();
            foreach (var township in county.Townships)
            {
                await foreach (var registered in register.ReadTownshipAsync(county.Code, township.Code, cancellationToken).ConfigureAwait(false))
                {
                    changes.AddRange(ChangeReportReader.ChangesOf(registered));
                }
            }

            foreach (var round in await rounds.ReadAsync(county.Code, cancellationToken).ConfigureAwait(false))
            {
                if (round.Entry.Check is { Risks.MembersDied: > 0 })
                {
                    changes.Add(ChangeReportReader.DeathOf(round.Entry));
                }
            }

            // Grouped by month: the exporter takes a partition's rows together.
            foreach (var change in changes.OrderBy(c => c.Date).ThenBy(c => c.HouseholdNumber, StringComparer.Ordinal).ThenBy(c => Code(c.Kind), StringComparer.Ordinal))
            {
                var householdKey = scope.Pseudonyms.Of(county.Code, change.HouseholdNumber);
                var month = change.Date.ToString("yyyy-MM", CultureInfo.InvariantCulture);
                var key = $"{householdKey}-{change.Date.ToString("yyyyMM", CultureInfo.InvariantCulture)}-{Code(change.Kind)}";
                yield return new ExportRow(ExportScope.Partition(county.Code, month), key,
                [
                    key, householdKey, county.Code, ExportScope.Partition(county.Code, change.TownshipCode), ExportScope.Partition(county.Code, change.VillageCode),
                    month, change.Date, KindName(change.Kind), change.People, ReasonOf(change),
                ]);
            }
        }
    }

    private static string Code(ChangeKind kind) => kind switch
    {
        ChangeKind.NewEntry => "new-entry",
        ChangeKind.Relapse => "relapse",
        ChangeKind.Exit => "exit",
        _ => "death",
    };

    private static string KindName(ChangeKind kind) => kind switch
    {
        ChangeKind.NewEntry => NewEntry,
        ChangeKind.Relapse => Relapse,
        ChangeKind.Exit => Exit,
        _ => Death,
    };

    // The entry's stated reason is on the village notice already; an exit's and a death's lines in the report carry the
    // case, the cadre and the cadre's note, which stay out of the export.
    private static string ReasonOf(ChangeLine change) => change.Kind switch
    {
        ChangeKind.NewEntry or ChangeKind.Relapse => change.Reason,
        ChangeKind.Exit => "脱贫退出",
        _ => "家庭成员死亡",
    };
}
