using System.Runtime.CompilerServices;
using Workflow.Domain.Register;
using Workflow.App.Register;

namespace Workflow.App.Analytics.Sources;

/// <summary>
/// DimHousehold: the registered households under their pseudonymous key. No name, 身份证号, 户编号 or cadre is
/// exported: what is left describes the household, not the people in it.
/// </summary>
public sealed class HouseholdDimension(RegisterStore register) : IExportSource
{
    public static ExportTable Definition { get; } = new(
        "DimHousehold",
        ExportTableKind.Dimension,
        "one row per registered poor household (建档立卡户)",
        "county code|township code (the register's own partition)",
        [
            new("HouseholdKey", ColumnType.String, "pseudonymous key: HMAC of county and 户编号 under a configured secret; stable across exports"),
            new("CountyCode", ColumnType.String, "县 code"),
            new("TownshipKey", ColumnType.String, "DimTownship"),
            new("VillageKey", ColumnType.String, "DimVillage"),
            new("Size", ColumnType.Int, "家庭人口数"),
            new("PovertyCause", ColumnType.String, "致贫原因 (main cause)"),
            new("Status", ColumnType.String, "脱贫属性: NotExited, ExitedWithPolicy, ExitedNoPolicy"),
            new("ExitYear", ColumnType.Int, "脱贫年度", Nullable: true),
            new("Monitoring", ColumnType.String, "监测类别: None, Edge (边缘户), Monitored (监测户)"),
            new("IncomeYear", ColumnType.Int, "the year of the income figure"),
            new("PerCapitaNetIncome", ColumnType.Decimal, "人均纯收入, yuan: the exit's verified figure (入户核查) while the household stands exited by it and it is not older than the import, else the imported one"),
        ]);

    public ExportTable Table => Definition;

    public async IAsyncEnumerable<ExportRow> ReadAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var county in scope.Counties)
        {
            foreach (var township in county.Townships)
            {
                var partition = ExportScope.Partition(county.Code, township.Code);
                await foreach (var registered in register.ReadTownshipAsync(county.Code, township.Code, cancellationToken).ConfigureAwait(false))
                {
                    var household = registered.Household;
                    var key = scope.Pseudonyms.Of(county.Code, household.Number);
                    yield return new ExportRow(partition, key,
                    [
                        key, county.Code, partition, ExportScope.Partition(county.Code, registered.VillageCode), household.Size,
                        household.Cause.ToString(), household.Status.ToString(), household.ExitYear, household.Monitoring.ToString(),
                        registered.LatestIncome.Year, registered.LatestIncome.PerCapitaNetIncome,
                    ]);
                }
            }
        }
    }
}
