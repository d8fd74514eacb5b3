using System.Runtime.CompilerServices;

namespace Workflow.App.Analytics.Sources;

/// <summary>DimVillage: the administrative villages of every registered county.</summary>
public sealed class VillageDimension : IExportSource
{
    public static ExportTable Definition { get; } = new(
        "DimVillage",
        ExportTableKind.Dimension,
        "one row per administrative village (行政村)",
        "county code|township code",
        [
            new("VillageKey", ColumnType.String, "county code|village code"),
            new("CountyCode", ColumnType.String, "县 code"),
            new("TownshipKey", ColumnType.String, "the village's township (DimTownship)"),
            new("VillageCode", ColumnType.String, "village code"),
            new("VillageName", ColumnType.String, "行政村 name"),
            new("IsPoorVillage", ColumnType.Bool, "a 贫困村, with its own exit (出列) standard"),
        ]);

    public ExportTable Table => Definition;

    public async IAsyncEnumerable<ExportRow> ReadAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var county in scope.Counties)
        {
            foreach (var township in county.Townships)
            {
                var partition = ExportScope.Partition(county.Code, township.Code);
                foreach (var village in township.Villages)
                {
                    yield return new ExportRow(partition, village.Code,
                        [ExportScope.Partition(county.Code, village.Code), county.Code, partition, village.Code, village.Name, village.IsPoorVillage]);
                }
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
