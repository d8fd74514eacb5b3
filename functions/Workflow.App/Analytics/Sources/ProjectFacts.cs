using System.Globalization;
using System.Runtime.CompilerServices;
using Workflow.Domain.Calendar;
using Workflow.App.Projects;

namespace Workflow.App.Analytics.Sources;

/// <summary>
/// FactProject: one row per poverty project (扶贫项目) in the county's project bank, with where it stands in its
/// procedure and its latest quarter's yield beside the line it is held to, so “below the line” is a comparison of two
/// exported columns and no rate is written into the model. Steps' notes and who recorded a quarter are not exported.
/// </summary>
public sealed class ProjectFacts(ProjectStore projects, ProjectLedger ledger) : IExportSource
{
    public static ExportTable Definition { get; } = new(
        "FactProject",
        ExportTableKind.Fact,
        "one row per poverty project (扶贫项目) in the county's project bank",
        "county code|year the project was proposed",
        [
            new("ProjectKey", ColumnType.String, "the project's id"),
            new("CountyCode", ColumnType.String, "县 code"),
            new("TownshipKey", ColumnType.String, "DimTownship; empty when the directory no longer has the township's name", Nullable: true),
            new("VillageKey", ColumnType.String, "DimVillage; empty when the directory no longer has the village's name", Nullable: true),
            new("Name", ColumnType.String, "项目名称"),
            new("Investment", ColumnType.Decimal, "投资额, yuan"),
            new("ProposedDate", ColumnType.Date, "DimDate: the China date the village proposed it (村级申报)"),
            new("CurrentStep", ColumnType.String, "the step of the procedure it waits on (or 运营), by its name"),
            new("IsInOperation", ColumnType.Bool, "in operation (运营): it records quarters"),
            new("Quarters", ColumnType.Int, "quarters recorded (FactProjectQuarter)"),
            new("LatestQuarter", ColumnType.String, "the latest recorded quarter, e.g. 2026Q3; empty before the first", Nullable: true),
            new("LatestAnnualRate", ColumnType.Decimal, "that quarter's annual yield rate (0.10 for 10%); empty before the first quarter", Nullable: true),
            new("YieldLine", ColumnType.Decimal, "收益率底线 of its procedure, an annual rate (002: 10%)"),
        ]);

    public ExportTable Table => Definition;

    public async IAsyncEnumerable<ExportRow> ReadAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var procedure = ledger.Procedure;
        foreach (var county in scope.Counties)
        {
            var list = await projects.ListAsync(county.Code, cancellationToken).ConfigureAwait(false);
            // By year: the exporter takes a partition's rows together.
            foreach (var record in list.OrderBy(r => ShanghaiTime.DateOf(r.Project.ProposedAt).Year))
            {
                var p = record.Project;
                var proposed = ShanghaiTime.DateOf(p.ProposedAt);
                var (township, village) = ProjectPlaces.Keys(county, p);
                var latest = ProjectPlaces.Latest(record);
                yield return new ExportRow(ExportScope.Partition(county.Code, proposed.Year.ToString(CultureInfo.InvariantCulture)), p.ProjectId,
                [
                    p.ProjectId, county.Code, township, village, p.Name, p.Investment, proposed, procedure.Step(record.Progress.CurrentStep)?.Name ?? record.Progress.CurrentStep,
                    record.Progress.InOperation(procedure), record.Quarters.Count, latest?.Yield.Quarter.ToString(), latest?.Yield.AnnualRate,
                    procedure.YieldLine.MinimumAnnualRate,
                ]);
            }
        }
    }
}
