using System.Diagnostics;
using Workflow.Domain.Calendar;
using Workflow.Domain.Register;

namespace Workflow.App.Register;

/// <summary>
/// Imports a county's register file: reads it (<see cref="RegisterFileReader"/>), validates every row and catches
/// duplicates within the file and against the register and a 帮扶责任人 given more households than the county's
/// <see cref="CadreLimit"/> (<see cref="RegisterImportBatch"/>), writes the good
/// households (<see cref="RegisterStore"/>) and keeps the error report. Importing the same file again changes nothing.
/// </summary>
public sealed class RegisterImporter(RegisterStore store, ImportErrorReports reports, TimeProvider time, ILogger<RegisterImporter> logger)
{
    /// <param name="county">The county with its places (<see cref="CountyDirectory.FindPlacesAsync"/>).</param>
    /// <param name="incomeYear">The year the income figures in the file are for.</param>
    /// <exception cref="RegisterFileRejectedException">The file cannot be read as a register at all.</exception>
    public async Task<RegisterImportReport> ImportAsync(County county, string fileName, byte[] content, int incomeYear, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(county);
        var clock = Stopwatch.StartNew();
        var sheet = RegisterFileReader.Read(fileName, content);
        var importId = Guid.CreateVersion7();

        var headerErrors = RegisterColumns.CheckHeader(sheet.Headers, sheet.HeaderLine);
        if (headerErrors.Count > 0)
        {
            await reports.SaveAsync(county.Code, importId, headerErrors, cancellationToken).ConfigureAwait(false);
            return new RegisterImportReport(importId, county.Code, fileName, sheet.Format, sheet.Rows.Count, 0, new RegisterWrite(0, 0, 0), headerErrors, clock.Elapsed);
        }

        var index = await store.ReadIndexAsync(county.Code, cancellationToken).ConfigureAwait(false);
        var validator = new RegisterRowValidator(KnownPlaces.Of(county), incomeYear, ShanghaiTime.DateOf(time.GetUtcNow()));
        var cadres = await store.ReadCadreHouseholdsAsync(county.Code, cancellationToken).ConfigureAwait(false);
        var batch = new RegisterImportBatch(validator, index.HouseholdsOf(IdNumbersIn(sheet)), CadreLimit.Of(county.Code, incomeYear),
            cadres.ToDictionary(h => h.Number, h => h.Cadre, StringComparer.Ordinal));
        foreach (var row in sheet.Rows)
        {
            batch.Add(row.Cells, row.Line);
        }

        var outcome = batch.Complete();
        var (households, storageErrors) = Place(county, outcome.Households);
        var written = await store.SaveAsync(county.Code, index, households, cancellationToken).ConfigureAwait(false);

        var columnOrder = RegisterColumns.InExportOrder.ToList();
        var errors = outcome.Errors.Concat(storageErrors).OrderBy(e => e.Line).ThenBy(e => columnOrder.IndexOf(e.Column)).ToList();
        await reports.SaveAsync(county.Code, importId, errors, cancellationToken).ConfigureAwait(false);

        var importedRows = households.Sum(h => h.Household.Members.Count);
        var report = new RegisterImportReport(importId, county.Code, fileName, sheet.Format, outcome.RowCount, importedRows, written, errors, clock.Elapsed);
        logger.LogInformation(
            "Register import {ImportId} for county {County}: {Rows} rows, {Imported} imported, {Rejected} rejected; households {Added} added, {Changed} changed, {Unchanged} unchanged; {Milliseconds:0} ms",
            importId, county.Code, report.RowCount, report.ImportedRowCount, report.RejectedRowCount, written.Added, written.Changed, written.Unchanged, clock.Elapsed.TotalMilliseconds);
        return report;
    }

    /// <summary>The valid 身份证号 of the file, to be looked up in the register's index in one go.</summary>
    private static IEnumerable<ResidentIdNumber> IdNumbersIn(RegisterSheet sheet) =>
        sheet.Rows
            .Select(row => ResidentIdNumber.TryParse(row.Cells.GetValueOrDefault(RegisterColumns.IdNumber), out var id) ? id : null)
            .OfType<ResidentIdNumber>();

    /// <summary>
    /// Gives each household its township and village codes. A household with a cell too long to store is held back
    /// whole, like any household with a bad row, with its lines reported.
    /// </summary>
    private static (List<RegisteredHousehold> Households, List<ImportError> Errors) Place(County county, IEnumerable<ImportedHousehold> imported)
    {
        var townships = county.Townships.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var households = new List<RegisteredHousehold>();
        var errors = new List<ImportError>();
        foreach (var (townshipName, villageName, household, lines) in imported)
        {
            // Lines and members are in the same order, one per row of the household (the batch builds both from its rows).
            var tooLong = HouseholdEntity.TooLongCells(household)
                .SelectMany(cell => (cell.Member is { } member ? [lines[member]] : lines).Select(line => new ImportError(
                    line, cell.Column, $"{cell.Column}超过{HouseholdEntity.MaxTextLength}个字符，无法保存")))
                .ToList();
            if (tooLong.Count > 0)
            {
                var failedLines = tooLong.Select(e => e.Line).Distinct().Order().ToList();
                var note = $"同户第{string.Join("、", failedLines)}行有误，整户未导入";
                errors.AddRange(tooLong);
                errors.AddRange(lines.Except(failedLines).Select(line => new ImportError(line, RegisterColumns.HouseholdNumber, note)));
                continue;
            }

            var township = townships[townshipName];
            var village = township.Villages.First(v => v.Name == villageName);
            households.Add(new RegisteredHousehold(township.Code, township.Name, village.Code, village.Name, household));
        }

        return (households, errors);
    }
}
