using System.Runtime.CompilerServices;

namespace Workflow.App.Analytics.Sources;

/// <summary>DimTownship: the townships of every registered county.</summary>
public sealed class TownshipDimension : IExportSource
{
    public static ExportTable Definition { get; } = new(
        "DimTownship",
        ExportTableKind.Dimension,
        "one row per township (乡镇) of a registered county",
        "the county code",
        [
            new("TownshipKey", ColumnType.String, "county code|township code"),
            new("CountyCode", ColumnType.String, "县 code (6 digits)"),
            new("CountyName", ColumnType.String, "县 name"),
            new("TownshipCode", ColumnType.String, "township code within the county"),
            new("TownshipName", ColumnType.String, "乡镇 name"),
            new("VillageCount", ColumnType.Int, "administrative villages on the directory"),
            new("PoorVillageCount", ColumnType.Int, "贫困村 among them"),
        ]);

    public ExportTable Table => Definition;

    public async IAsyncEnumerable<ExportRow> ReadAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var county in scope.Counties)
        {
            foreach (var township in county.Townships)
            {
                yield return new ExportRow(county.Code, township.Code,
                [
                    ExportScope.Partition(county.Code, township.Code), county.Code, county.Name, township.Code, township.Name,
                    township.Villages.Count, township.Villages.Count(v => v.IsPoorVillage),
                ]);
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
