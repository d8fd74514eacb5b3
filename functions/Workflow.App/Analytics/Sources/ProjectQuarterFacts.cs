using System.Globalization;
using System.Runtime.CompilerServices;
using Workflow.App.Projects;

namespace Workflow.App.Analytics.Sources;

/// <summary>
/// FactProjectQuarter: one row per quarter a project in operation recorded (运营季报): income, dividends, the annual
/// rate (quarter income × 4 ÷ investment, the ledger's assumption) and the line it was judged against. Who recorded it
/// is not exported.
/// </summary>
public sealed class ProjectQuarterFacts(ProjectStore projects, ProjectLedger ledger) : IExportSource
{
    public static ExportTable Definition { get; } = new(
        "FactProjectQuarter",
        ExportTableKind.Fact,
        "one row per quarter of a project in operation (运营季报)",
        "county code|year of the quarter",
        [
            new("QuarterKey", ColumnType.String, "ProjectKey-yyyyQn"),
            new("ProjectKey", ColumnType.String, "FactProject"),
            new("CountyCode", ColumnType.String, "县 code"),
            new("TownshipKey", ColumnType.String, "DimTownship; empty when the directory no longer has the township's name", Nullable: true),
            new("VillageKey", ColumnType.String, "DimVillage; empty when the directory no longer has the village's name", Nullable: true),
            new("Quarter", ColumnType.String, "季度, e.g. 2026Q3"),
            new("QuarterDate", ColumnType.Date, "DimDate: the quarter's first day"),
            new("Income", ColumnType.Decimal, "季度收益, yuan"),
            new("Dividends", ColumnType.Decimal, "分红 paid to households, yuan"),
            new("AnnualRate", ColumnType.Decimal, "折合年收益率: the quarter's income × 4 ÷ the investment (0.10 for 10%)"),
            new("YieldLine", ColumnType.Decimal, "收益率底线 of its procedure, an annual rate (002: 10%)"),
            new("IsBelowLine", ColumnType.Bool, "strictly under the line when it was recorded (flagged to the county office)"),
            new("IsLatest", ColumnType.Bool, "the project's latest recorded quarter"),
        ]);

    public ExportTable Table => Definition;

    public async IAsyncEnumerable<ExportRow> ReadAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var line = ledger.Procedure.YieldLine.MinimumAnnualRate;
        foreach (var county in scope.Counties)
        {
            var quarters = new List<(ProjectQuarterRecord Quarter, ProjectRecord Project, bool Latest)>();
            foreach (var record in await projects.ListAsync(county.Code, cancellationToken).ConfigureAwait(false))
            {
                var latest = ProjectPlaces.Latest(record);
                quarters.AddRange(record.Quarters.Select(q => (q, record, ReferenceEquals(q, latest))));
            }

            // By year: the exporter takes a partition's rows together.
            foreach (var (quarter, record, isLatest) in quarters.OrderBy(q => q.Quarter.Yield.Quarter.Year))
            {
                var y = quarter.Yield;
                var (township, village) = ProjectPlaces.Keys(county, record.Project);
                var key = $"{quarter.ProjectId}-{y.Quarter}";
                yield return new ExportRow(ExportScope.Partition(county.Code, y.Quarter.Year.ToString(CultureInfo.InvariantCulture)), key,
                [
                    key, quarter.ProjectId, county.Code, township, village, y.Quarter.ToString(), new DateOnly(y.Quarter.Year, (y.Quarter.Quarter * 3) - 2, 1),
                    y.Income, y.Dividends, y.AnnualRate, line, quarter.BelowLine, isLatest,
                ]);
            }
        }
    }
}
