using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Workflow.App.Analytics;
using Xunit;

namespace Workflow.App.Tests.Analytics;

/// <summary>
/// The Power BI model (powerbi/*.SemanticModel, TMDL) and the README's schema section against <see cref="AnalyticsSchema"/>:
/// neither can name a table or column the export does not write, so the model cannot drift from the data.
/// </summary>
public sealed partial class SchemaDocumentsTests
{
    private static readonly string Model = Path.Combine(RepositoryRoot.Path, "powerbi", "Workflow.Analytics.SemanticModel", "definition");

    [Fact]
    public void Every_table_and_column_the_tmdl_names_is_in_the_export_schema_with_its_type()
    {
        var files = Directory.GetFiles(Path.Combine(Model, "tables"), "*.tmdl");
        Assert.Equal(AnalyticsSchema.Tables.Select(t => t.Name).Order(StringComparer.Ordinal), files.Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal));
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var name = TableLine().Match(text).Groups[1].Value;
            var table = AnalyticsSchema.Find(name);
            Assert.True(table is not null, $"{file}: table {name} is not exported.");
            var columns = ColumnBlock().Matches(text).ToList();
            Assert.Equal(table!.Columns.Select(c => c.Name), columns.Select(c => c.Groups[1].Value));
            foreach (Match column in columns)
            {
                var exported = table.Find(column.Groups[1].Value)!;
                Assert.Equal(exported.Name, SourceColumn().Match(column.Value).Groups[1].Value);
                Assert.Equal(TmdlType(exported.Type), DataType().Match(column.Value).Groups[1].Value);
            }

            Assert.Contains($"[Name = \"{name}\", Signature = \"table\"]", text, StringComparison.Ordinal);
            AssertReferencesExist(file, text);
        }

        foreach (Match end in RelationshipEnd().Matches(File.ReadAllText(Path.Combine(Model, "relationships.tmdl"))))
        {
            Assert.True(AnalyticsSchema.Find(end.Groups[1].Value)?.Find(end.Groups[2].Value) is not null, $"relationships.tmdl: {end.Value} is not exported.");
        }

        Assert.Equal(AnalyticsSchema.Tables.Select(t => t.Name), RefTable().Matches(File.ReadAllText(Path.Combine(Model, "model.tmdl"))).Select(m => m.Groups[1].Value));
    }

    [Theory]
    [InlineData("FactEntryCase", "StartedDate", "Entry Cases,Entries Registered")]
    [InlineData("FactMonitoringCheck", "MonthDate", "Checks Due,Checks Done,Checks Done %")]
    [InlineData("FactMonitoringAlert", "MonthDate", "Alerts")]
    [InlineData("FactMonthlyChange", "ChangeDate", "Relapses,New Entries,Relapsed Households,Exited Households,Relapse Rate")]
    public void The_entry_and_monitoring_facts_reach_household_village_township_and_date_and_have_their_described_measures(string table, string date, string measures)
    {
        var relationships = RelationshipBlock().Matches(File.ReadAllText(Path.Combine(Model, "relationships.tmdl")).ReplaceLineEndings("\n")).Select(m => m.Value).ToList();
        string Between(string from, string to) =>
            Assert.Single(relationships, r => r.Contains($"fromColumn: {table}.{from}\n", StringComparison.Ordinal) && r.Contains($"toColumn: {to}\n", StringComparison.Ordinal));

        // Active to the household (village and township through the snowflake) and to the date; a second active path from
        // DimTownship or DimVillage would be ambiguous, so the direct ones are inactive.
        Assert.DoesNotContain("isActive: false", Between("HouseholdKey", "DimHousehold.HouseholdKey"), StringComparison.Ordinal);
        Assert.DoesNotContain("isActive: false", Between(date, "DimDate.DateKey"), StringComparison.Ordinal);
        Assert.Contains("isActive: false", Between("VillageKey", "DimVillage.VillageKey"), StringComparison.Ordinal);
        Assert.Contains("isActive: false", Between("TownshipKey", "DimTownship.TownshipKey"), StringComparison.Ordinal);

        var text = File.ReadAllText(Path.Combine(Model, "tables", table + ".tmdl")).ReplaceLineEndings("\n");
        foreach (var measure in measures.Split(','))
        {
            Assert.Matches($@"\t/// \S.*\n\tmeasure '{Regex.Escape(measure)}' = ", text);
        }
    }

    [Theory]
    [InlineData("FactFundAllocation", "TownshipKey", "AllocatedDate", "Allocations,Allocated Amount,Disbursed Amount,Disbursed %")]
    [InlineData("FactDisbursementStep", "TownshipKey", "OpenedDate", "Steps Paid,Steps Paid On Time,Funds Disbursed On Time %,Overdue Steps,Average Working Days Taken")]
    [InlineData("FactProject", "TownshipKey", "ProposedDate", "Projects,Projects In Operation,Projects Below Yield Line")]
    [InlineData("FactProjectQuarter", "TownshipKey", "QuarterDate", "Project Income,Project Dividends,Quarters Below Yield Line")]
    [InlineData("FactLoan", "HouseholdKey", "DueDate", "Loans,Loan Amount,Loans Due Next 60 Days,Overdue Loans,Loans Over Limit")]
    public void The_money_facts_reach_their_place_and_date_and_have_their_described_measures(string table, string place, string date, string measures)
    {
        var relationships = RelationshipBlock().Matches(File.ReadAllText(Path.Combine(Model, "relationships.tmdl")).ReplaceLineEndings("\n")).Select(m => m.Value).ToList();
        string Between(string from, string to) =>
            Assert.Single(relationships, r => r.Contains($"fromColumn: {table}.{from}\n", StringComparison.Ordinal) && r.Contains($"toColumn: {to}\n", StringComparison.Ordinal));

        // One active path from each dimension: the fact's own place (the township, or the household for a loan, whose
        // village and township come through the snowflake) and its date; any other place key is inactive.
        Assert.DoesNotContain("isActive: false", Between(place, place == "HouseholdKey" ? "DimHousehold.HouseholdKey" : "DimTownship.TownshipKey"), StringComparison.Ordinal);
        Assert.DoesNotContain("isActive: false", Between(date, "DimDate.DateKey"), StringComparison.Ordinal);
        var exported = AnalyticsSchema.Find(table)!;
        foreach (var (key, target) in new[] { ("VillageKey", "DimVillage.VillageKey"), ("TownshipKey", "DimTownship.TownshipKey") })
        {
            if (key != place && exported.Find(key) is not null)
            {
                Assert.Contains("isActive: false", Between(key, target), StringComparison.Ordinal);
            }
        }

        var text = File.ReadAllText(Path.Combine(Model, "tables", table + ".tmdl")).ReplaceLineEndings("\n");
        foreach (var measure in measures.Split(','))
        {
            Assert.Matches($@"\t/// \S.*\n\tmeasure '{Regex.Escape(measure)}' = ", text);
        }
    }

    [Theory]
    [InlineData("FactProject", "Projects Below Yield Line", "'FactProject'[YieldLine]")]
    [InlineData("FactLoan", "Loans Due Next 60 Days", "'FactLoan'[IsDueSoon]")]
    public void A_money_measure_takes_its_threshold_from_the_exported_data_not_a_number_in_the_model(string table, string measure, string column)
    {
        // 002's 10% line and 004's 60 days are rules of the data (a county's own procedure and loan rules): a constant in
        // the model would judge a county with another rule by this one.
        var text = File.ReadAllText(Path.Combine(Model, "tables", table + ".tmdl"));
        var expression = Regex.Match(text, $@"measure '{Regex.Escape(measure)}' = ([^\n]*)").Groups[1].Value;
        Assert.Contains(column, expression, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?<![\w\]])\d", expression);
    }

    [Fact]
    public void The_incidence_line_is_the_exported_threshold_not_a_number_in_the_model()
    {
        // 禄丰's line is 3% (western), 洮南's 2%: a constant in a measure would judge one of them by the other's line (issue 20, 4.3).
        var text = File.ReadAllText(Path.Combine(Model, "tables", "FactIndicatorResult.tmdl"));
        var line = MeasureLine().Match(text);
        Assert.True(line.Success, "FactIndicatorResult.tmdl has no 'Incidence Line' measure.");
        Assert.Contains("'FactIndicatorResult'[Threshold]", line.Value, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"=\s*[0-9.]+\s*$", line.Value);
        Assert.All(Directory.GetFiles(Path.Combine(Model, "tables"), "*.tmdl"), f => Assert.DoesNotContain("0.02", File.ReadAllText(f), StringComparison.Ordinal));
    }

    [Fact]
    public void The_readme_documents_the_schema_as_it_is_exported()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md")).ReplaceLineEndings("\n");
        const string begin = "<!-- analytics-schema:begin -->\n";
        const string end = "<!-- analytics-schema:end -->";
        var from = readme.IndexOf(begin, StringComparison.Ordinal);
        var to = readme.IndexOf(end, StringComparison.Ordinal);
        Assert.True(from >= 0 && to > from, "README.md has no analytics schema section.");
        Assert.Equal(Documentation(), readme[(from + begin.Length)..to]);
    }

    /// <summary>The README's schema section as the schema writes it.</summary>
    internal static string Documentation()
    {
        var text = new StringBuilder();
        foreach (var table in AnalyticsSchema.Tables)
        {
            text.Append(CultureInfo.InvariantCulture, $"#### `{table.Name}` ({table.Kind.ToString().ToLowerInvariant()}, Azure table `{table.TableName}`)\n\n")
                .Append(CultureInfo.InvariantCulture, $"Grain: {table.Grain}. PartitionKey: {table.PartitionKey}.\n\n")
                .Append("| column | type | description |\n| --- | --- | --- |\n");
            foreach (var column in table.Columns)
            {
                text.Append(CultureInfo.InvariantCulture, $"| `{column.Name}` | {column.Type.ToString().ToLowerInvariant()}{(column.Nullable ? "?" : string.Empty)} | {column.Description.Replace("|", "\\|", StringComparison.Ordinal)} |\n");
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    // 'Table'[Column] and Table[Column] in DAX must name exported columns; [Measure] alone is a measure.
    private static void AssertReferencesExist(string file, string text)
    {
        foreach (Match reference in DaxColumn().Matches(text))
        {
            var table = AnalyticsSchema.Find(reference.Groups[1].Value);
            Assert.True(table?.Find(reference.Groups[2].Value) is not null, $"{Path.GetFileName(file)}: {reference.Value} is not an exported column.");
        }
    }

    private static string TmdlType(ColumnType type) => type switch
    {
        ColumnType.String => "string",
        ColumnType.Int or ColumnType.Long => "int64",
        ColumnType.Decimal => "decimal",
        ColumnType.Double => "double",
        ColumnType.Bool => "boolean",
        _ => "dateTime",
    };

    [GeneratedRegex(@"^table (\w+)", RegexOptions.Multiline)]
    private static partial Regex TableLine();

    [GeneratedRegex(@"^\tcolumn (\w+)\n(?:\t\t.*\n)*", RegexOptions.Multiline)]
    private static partial Regex ColumnBlock();

    [GeneratedRegex(@"sourceColumn: (\w+)")]
    private static partial Regex SourceColumn();

    [GeneratedRegex(@"dataType: (\w+)")]
    private static partial Regex DataType();

    [GeneratedRegex(@"(?:from|to)Column: (\w+)\.(\w+)")]
    private static partial Regex RelationshipEnd();

    [GeneratedRegex(@"^relationship [^\n]*\n(?:\t[^\n]*\n)+", RegexOptions.Multiline)]
    private static partial Regex RelationshipBlock();

    [GeneratedRegex(@"^ref table (\w+)", RegexOptions.Multiline)]
    private static partial Regex RefTable();

    [GeneratedRegex(@"'?(\w+)'?\[(\w+)\]")]
    private static partial Regex DaxColumn();

    [GeneratedRegex(@"measure 'Incidence Line' = [^\n]*")]
    private static partial Regex MeasureLine();
}
