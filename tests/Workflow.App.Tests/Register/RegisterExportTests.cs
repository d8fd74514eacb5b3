using System.Text;
using CsvHelper;
using Workflow.Domain.Register;
using Xunit;

namespace Workflow.App.Tests.Register;

[Collection(AzuriteCollection.Name)]
public sealed class RegisterExportTests(AzuriteFixture azurite)
{
    private readonly RegisterTestBed _bed = new(azurite);

    [Fact]
    public async Task The_export_masks_every_id_number_by_default_and_reveals_them_only_when_asked()
    {
        var county = RegisterTestBed.Generate();
        var places = await _bed.AddPlacesAsync(county);
        await _bed.ImportAsync(places, "名册.csv", RegisterFiles.Csv(RegisterFiles.RowsOf(county)));
        var ids = county.Households.SelectMany(h => h.Members).Select(m => m.IdNumber).ToList();

        var masked = Encoding.UTF8.GetString(await _bed.ExportAsync(places, revealIdNumbers: false));
        var revealed = Encoding.UTF8.GetString(await _bed.ExportAsync(places, revealIdNumbers: true));

        Assert.All(ids, id => Assert.DoesNotContain(id.Reveal(), masked, StringComparison.Ordinal));
        Assert.All(ids, id => Assert.Contains(id.Mask(), masked, StringComparison.Ordinal));
        Assert.All(ids, id => Assert.Contains(id.Reveal(), revealed, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_export_is_UTF8_with_BOM_in_the_import_layout_and_imports_back_unchanged()
    {
        var county = RegisterTestBed.Generate();
        var places = await _bed.AddPlacesAsync(county);
        await _bed.ImportAsync(places, "名册.csv", RegisterFiles.Csv(RegisterFiles.RowsOf(county)));

        var export = await _bed.ExportAsync(places, revealIdNumbers: true);
        var report = await _bed.ImportAsync(places, "导出.csv", export);

        Assert.Equal([0xEF, 0xBB, 0xBF], export[..3]);
        // The import layout, then the columns of an exit case's 销号, which an import leaves aside.
        Assert.StartsWith(string.Join(',', [.. RegisterColumns.InExportOrder, .. App.Register.RegisterExporter.ExitColumns, .. App.Register.RegisterExporter.EntryColumns]) + "\r\n", Encoding.UTF8.GetString(export[3..]), StringComparison.Ordinal);
        Assert.Empty(report.Errors);
        Assert.Equal(new App.Register.RegisterWrite(0, 0, 30), report.Households);
    }

    [Fact]
    public async Task The_export_of_one_township_has_only_its_households()
    {
        var county = RegisterTestBed.Generate();
        var places = await _bed.AddPlacesAsync(county);
        await _bed.ImportAsync(places, "名册.csv", RegisterFiles.Csv(RegisterFiles.RowsOf(county)));
        var township = places.Townships[1];

        var rows = Parse(await _bed.ExportAsync(places, revealIdNumbers: false, township.Code));

        Assert.Equal(county.Townships[1].Households.Sum(h => h.Size), rows.Count - 1);
        Assert.All(rows.Skip(1), row => Assert.Equal(township.Name, row[0]));
    }

    [Fact]
    public async Task Formula_looking_cells_from_a_hostile_import_are_neutralised_on_re_export()
    {
        var county = RegisterTestBed.Generate();
        var places = await _bed.AddPlacesAsync(county);
        var rows = RegisterFiles.RowsOf(county);
        var hostile = new[] { "=cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "+1+cmd|' /C calc'!A0", "-1+cmd|' /C calc'!A0", "\t=1+1", "+1", "-1" };
        var memberNames = RegisterFiles.Column(RegisterColumns.MemberName);
        var relationships = RegisterFiles.Column(RegisterColumns.Relationship);
        var targets = Enumerable.Range(1, rows.Count - 1).Where(i => rows[i][relationships] != "户主").Take(hostile.Length).ToList();
        for (var i = 0; i < hostile.Length; i++)
        {
            rows[targets[i]][memberNames] = hostile[i];
        }

        var household = rows[1][RegisterFiles.Column(RegisterColumns.HouseholdNumber)];
        foreach (var row in rows.Where(r => r[RegisterFiles.Column(RegisterColumns.HouseholdNumber)] == household))
        {
            row[RegisterFiles.Column(RegisterColumns.ResponsibleCadre)] = "=HYPERLINK(\"http://x\",\"点击\")";
        }

        var report = await _bed.ImportAsync(places, "名册.csv", RegisterFiles.Csv(rows));
        var exported = Parse(await _bed.ExportAsync(places, revealIdNumbers: false));
        var names = exported.Select(r => r[memberNames]).ToList();

        Assert.Empty(report.Errors);
        Assert.Contains("'=cmd|' /C calc'!A0", names);
        Assert.Contains("'@SUM(1+1)*cmd|' /C calc'!A0", names);
        Assert.Contains("'+1+cmd|' /C calc'!A0", names);
        Assert.Contains("'-1+cmd|' /C calc'!A0", names);
        // The domain's rule: a signed plain number cannot run anything, and stays the number it is.
        Assert.Contains("+1", names);
        Assert.Contains("-1", names);
        // The import trims the tab that would have hidden the formula from a naive check; what is left is neutralised.
        Assert.Contains("'=1+1", names);
        Assert.Contains("'=HYPERLINK(\"http://x\",\"点击\")", exported.Select(r => r[RegisterFiles.Column(RegisterColumns.ResponsibleCadre)]));
        Assert.All(exported.SelectMany(r => r), cell => Assert.False(CsvCellSafety.LooksLikeFormula(cell), cell));
    }

    private static List<string[]> Parse(byte[] csv)
    {
        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        using var reader = CsvReader.FromText(Encoding.UTF8.GetString(csv[3..]), CsvReaderOptions.Default with { HasHeader = false });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        }

        return rows;
    }
}
