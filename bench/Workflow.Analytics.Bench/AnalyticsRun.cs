using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Workflow.Domain.Calendar;
using Workflow.App.Analytics;
using Workflow.App.Analytics.Sources;
using Workflow.App.Audit;
using Workflow.App.Exits;
using Workflow.App.Register;
using Workflow.App.Storage;
using Workflow.Testing;

namespace Workflow.Analytics.Bench;

/// <summary>What one run measured, for the report.</summary>
internal sealed record AnalyticsRunResult(
    AnalyticsBenchOptions Options,
    string LoadBefore,
    string LoadAfter,
    IReadOnlyList<Measurement> Csv,
    IReadOnlyList<Measurement> Table,
    IReadOnlyList<string> Checks,
    long AzuriteResidentAfterCsv,
    TimeSpan Total);

/// <summary>
/// One run: Azurite, then at the CSV scale for each of DimHousehold and FactExitStep the generator alone, the plain CSV
/// baseline, the production CSV form to a local file and the production snapshot to a blob; then at the table scale
/// the baseline, the floor (raw transactions of the same rows, <see cref="TableFloor"/>) and the production exporter to
/// Azurite (the pbi tables and the day's snapshots), a first export and an unchanged second one.
/// </summary>
internal static class AnalyticsRun
{
    public const string Generate = "generate only";
    public const string Baseline = "baseline: plain CSV to a local file";
    public const string CsvFile = "CSV form (ExportCsvWriter) to a local file";
    public const string CsvBlob = "CSV snapshot (CsvSnapshot) to an Azurite blob";
    public const string Floor = "floor: raw transactions of 100 (SubmitTransactionAsync)";
    public const string TableFirst = "exporter to Azurite tables + snapshots, first export";
    public const string TableUnchanged = "exporter again, nothing changed";

    private static readonly byte[] Secret = "analytics-bench-household-key-secret"u8.ToArray();

    public static async Task<AnalyticsRunResult> RunAsync(AnalyticsBenchOptions options, CancellationToken cancellationToken)
    {
        var total = System.Diagnostics.Stopwatch.StartNew();
        var loadBefore = ProcessUsage.LoadAverage();
        var pseudonyms = new HouseholdPseudonyms(Secret);
        await using var azurite = await AzuriteProcess.StartAsync(cancellationToken: cancellationToken);
        var tables = azurite.Tables();
        var blobs = azurite.Blobs();
        var container = blobs.Container(AnalyticsExporter.ContainerName);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var folder = Directory.CreateTempSubdirectory("analytics-bench-").FullName;
        var checks = new List<string>();
        try
        {
            var today = ShanghaiTime.DateOf(DateTimeOffset.UtcNow);
            Log(total, "Azurite up; warming the CSV paths up on a small set");
            await CsvPassesAsync(new SyntheticCounties(2_000, 14_000, options.Seed + 1, pseudonyms), container, today.AddDays(-1), folder, [], null, cancellationToken);

            var full = new SyntheticCounties(options.Register, options.Steps, options.Seed, pseudonyms);
            Log(total, $"CSV scale: {full.Register:N0} register rows, {full.Steps:N0} step facts (household keys computed)");
            var csv = await CsvPassesAsync(full, container, today, folder, checks, total, cancellationToken);
            var azuriteAfterCsv = ProcessUsage.AzuriteResident();

            var small = new SyntheticCounties(options.TableRegister, options.TableSteps, options.Seed, pseudonyms);
            Log(total, $"Table scale: {small.Register:N0} register rows, {small.Steps:N0} step facts");
            var table = await TablePassesAsync(small, tables, blobs, pseudonyms, folder, checks, total, cancellationToken);
            return new AnalyticsRunResult(options, loadBefore, ProcessUsage.LoadAverage(), csv, table, checks, azuriteAfterCsv, total.Elapsed);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<List<Measurement>> CsvPassesAsync(
        SyntheticCounties data, BlobContainerClient container, DateOnly date, string folder, List<string> checks, System.Diagnostics.Stopwatch? progress,
        CancellationToken cancellationToken)
    {
        var measurements = new List<Measurement>();
        foreach (var (table, rows) in Tables(data))
        {
            var plain = Path.Combine(folder, table.Name + ".plain.csv");
            var formatted = Path.Combine(folder, table.Name + ".csv");
            measurements.Add(await Measurement.TimeAsync(Generate, table.Name, () => Task.FromResult((long)rows().Count())));
            measurements.Add(await Measurement.TimeAsync(Baseline, table.Name, () => Task.FromResult(PlainCsv.Write(plain, table, rows()))));
            measurements.Add(await Measurement.TimeAsync(CsvFile, table.Name, async () =>
            {
                await using var file = new FileStream(formatted, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: false);
                await using var writer = await ExportCsvWriter.BeginAsync(file, table, cancellationToken);
                var counted = new CountedRows(rows());
                await writer.WriteAsync(counted, cancellationToken);
                await writer.FlushAsync(cancellationToken);
                return counted.Count;
            }));
            measurements.Add(await Measurement.TimeAsync(CsvBlob, table.Name, async () =>
            {
                await using var snapshot = await CsvSnapshot.BeginAsync(container, date, table, cancellationToken);
                var counted = new CountedRows(rows());
                await snapshot.WriteAsync(counted, cancellationToken);
                await snapshot.CommitAsync(fingerprint: null, cancellationToken);
                return counted.Count;
            }));

            var blob = container.GetBlobClient(CsvSnapshot.BlobName(date, table));
            var blobLength = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ContentLength;
            var (plainLength, formattedLength) = (new FileInfo(plain).Length, new FileInfo(formatted).Length);
            var identical = formattedLength == blobLength && await Sha256Async(plain, cancellationToken) == await Sha256Async(formatted, cancellationToken);
            checks.Add($"{table.Name}: plain CSV {plainLength:N0} bytes, CSV form {formattedLength:N0} bytes, blob {blobLength:N0} bytes" +
                       (identical ? " (the baseline wrote the same bytes)" : " (CONTENT DIFFERS)"));

            // The blob is dropped (Azurite holds it in memory) and the files too; the next table starts clean.
            await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken);
            File.Delete(plain);
            File.Delete(formatted);
            if (progress is not null)
            {
                Log(progress, $"{table.Name} rows/s (generate, baseline, CSV form, snapshot): {string.Join(", ", measurements.Where(m => m.Table == table.Name).Select(m => $"{m.RowsPerSecond:N0}"))}");
            }
        }

        return measurements;
    }

    private static async Task<List<Measurement>> TablePassesAsync(
        SyntheticCounties data, TableServiceClient tables, BlobServiceClient blobs, HouseholdPseudonyms pseudonyms, string folder, List<string> checks,
        System.Diagnostics.Stopwatch progress,
        CancellationToken cancellationToken)
    {
        var measurements = new List<Measurement>();
        foreach (var (table, rows) in Tables(data))
        {
            var plain = Path.Combine(folder, table.Name + ".plain.csv");
            measurements.Add(await Measurement.TimeAsync(Baseline, table.Name, () => Task.FromResult(PlainCsv.Write(plain, table, rows()))));
            File.Delete(plain);
        }

        // The floor, in this run, through the same client; its tables go before the exporter writes its own. A few
        // transactions first, unmeasured, so neither the floor nor the exporter after it pays for the SDK's JIT.
        foreach (var (table, rows) in Tables(data))
        {
            await TableFloor.WriteAsync(tables, table, rows().Take(300), cancellationToken);
            await TableFloor.Client(tables, table).DeleteAsync(cancellationToken);
        }

        foreach (var (table, rows) in Tables(data))
        {
            measurements.Add(await Measurement.TimeAsync(Floor, table.Name, () => TableFloor.WriteAsync(tables, table, rows(), cancellationToken)));
            await TableFloor.Client(tables, table).DeleteAsync(cancellationToken);
            Log(progress, $"{Floor} {table.Name}: {measurements[^1].RowsPerSecond:N0} rows/s");
        }

        var sources = SyntheticSource.Schema(Tables(data).ToDictionary(t => t.Table.Name, t => t.Rows));
        var exporter = new AnalyticsExporter(
            sources, tables, blobs, new ExportState(tables), new CountyDirectory(new RegisterTables(tables, blobs)), pseudonyms,
            new ExitHistoryReader(new ExitCaseStore(tables), new AuditLog(tables)), TimeProvider.System, NullLogger<AnalyticsExporter>.Instance);
        await exporter.InitializeAsync(cancellationToken);
        var expected = (long)data.Register + data.Steps;
        foreach (var (path, shouldWrite) in new[] { (TableFirst, expected), (TableUnchanged, 0L) })
        {
            ExportReport? report = null;
            measurements.Add(await Measurement.TimeAsync(path, "both", async () =>
            {
                report = await exporter.ExportAsync(new ExportRequest(ExportRequest.OnDemand), cancellationToken);
                return report.Tables.Sum(t => (long)t.Rows);
            }));
            var written = report!.RowsWritten;
            checks.Add($"{path}: {report.Tables.Sum(t => (long)t.Rows):N0} rows read, {written:N0} written, " +
                       $"{report.Tables.Sum(t => t.PartitionsWritten):N0} partitions written, {report.Tables.Sum(t => t.PartitionsUnchanged):N0} unchanged" +
                       (written == shouldWrite && !report.Busy ? string.Empty : $" (EXPECTED {shouldWrite:N0} WRITTEN)"));
            Log(progress, $"{path}: {measurements[^1].RowsPerSecond:N0} rows/s");
        }

        return measurements;
    }

    private static IEnumerable<(ExportTable Table, Func<IEnumerable<ExportRow>> Rows)> Tables(SyntheticCounties data) =>
    [
        (HouseholdDimension.Definition, data.Households),
        (ExitStepFacts.Definition, data.StepFacts),
    ];

    private static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexString(await System.Security.Cryptography.SHA256.HashDataAsync(file, cancellationToken));
    }

    private static void Log(System.Diagnostics.Stopwatch total, string text) =>
        Console.WriteLine($"[{total.Elapsed.TotalSeconds,7:0.0} s] {text}");

    /// <summary>Counts the rows as a writer takes them, so a pass reports what it wrote without buffering it.</summary>
    private sealed class CountedRows(IEnumerable<ExportRow> rows) : IEnumerable<ExportRow>
    {
        public long Count { get; private set; }

        public IEnumerator<ExportRow> GetEnumerator()
        {
            foreach (var row in rows)
            {
                Count++;
                yield return row;
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
