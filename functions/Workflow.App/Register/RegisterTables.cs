using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Workflow.App.Storage;

namespace Workflow.App.Register;

/// <summary>
/// Where the register lives: the tables of counties, places, households and the county index, and the container of
/// import error reports. All names share one prefix so that tests (and a second deployment in one account) keep
/// their registers apart.
/// </summary>
public sealed class RegisterTables
{
    public const string DefaultPrefix = "register";

    private Task? _created;

    public RegisterTables(TableServiceClient tables, BlobServiceClient blobs, string prefix = DefaultPrefix)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        Counties = tables.Table(prefix + "Counties");
        Places = tables.Table(prefix + "Places");
        Households = tables.Table(prefix + "Households");
        Index = tables.Table(prefix + "Index");
        ImportReports = blobs.Container(prefix.ToLowerInvariant() + "-imports");
    }

    /// <summary>One row per county (PartitionKey "county", RowKey the county code); written last, so it marks a complete load.</summary>
    public TableClient Counties { get; }

    /// <summary>One row per village (PartitionKey the county code, RowKey the village code).</summary>
    public TableClient Places { get; }

    /// <summary>One row per household (PartitionKey county|township, RowKey the household number), members inside.</summary>
    public TableClient Households { get; }

    /// <summary>Per county (PartitionKey the county code): which household each 身份证号 is in, and where each household is.</summary>
    public TableClient Index { get; }

    public BlobContainerClient ImportReports { get; }

    /// <summary>Creates the tables and the container once per process; a failed attempt is retried by the next caller.</summary>
    public Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        var created = _created;
        if (created is null || created.IsFaulted || created.IsCanceled)
        {
            // Not tied to one caller's token: the creation is shared by every caller that waits on it.
            created = CreateAllAsync();
            _created = created;
        }

        return created.WaitAsync(cancellationToken);
    }

    private async Task CreateAllAsync()
    {
        foreach (var table in new[] { Counties, Places, Households, Index })
        {
            await table.CreateIfNotExistsAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await ImportReports.EnsureExistsAsync(CancellationToken.None).ConfigureAwait(false);
    }
}
