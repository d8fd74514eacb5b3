using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;

namespace Workflow.App.Storage;

/// <summary>The app's table, blob and queue service clients, registered once for every store (the <c>Storage</c> section).</summary>
public static class StorageClients
{
    public const string Section = "Storage";

    public static IServiceCollection AddStorageClients(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var account = StorageAccountConnection.From(section["ConnectionString"], section["AccountName"], section.Path);
        services.AddSingleton(account);
        services.AddAzureClients(clients =>
        {
            if (account.ConnectionString is { } connectionString)
            {
                clients.AddTableServiceClient(connectionString);
                clients.AddBlobServiceClient(connectionString).WithVersion(StorageAccountConnection.BlobVersion);
                clients.AddQueueServiceClient(connectionString).WithVersion(StorageAccountConnection.QueueVersion);
                return;
            }

            clients.AddTableServiceClient(account.Endpoint("table"));
            clients.AddBlobServiceClient(account.Endpoint("blob")).WithVersion(StorageAccountConnection.BlobVersion);
            clients.AddQueueServiceClient(account.Endpoint("queue")).WithVersion(StorageAccountConnection.QueueVersion);
            clients.UseCredential(new DefaultAzureCredential());
        });
        return services;
    }

    /// <summary>A table of the app's account, its name checked first (<see cref="TableRules.TableName"/>).</summary>
    public static TableClient Table(this TableServiceClient tables, string name)
    {
        ArgumentNullException.ThrowIfNull(tables);
        return tables.GetTableClient(TableRules.TableName(name));
    }

    /// <summary>A blob container of the app's account, its name checked first (<see cref="BlobRules.ContainerName"/>).</summary>
    public static BlobContainerClient Container(this BlobServiceClient blobs, string name)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        return blobs.GetBlobContainerClient(BlobRules.ContainerName(name));
    }
}
