using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Workflow.App.Register;

internal static class RegisterServiceCollectionExtensions
{
    /// <summary>
    /// The register's services, on the app's table and blob service clients (<see cref="Storage.StorageClients"/>).
    /// Register:StoragePrefix names its tables and container (default "register"), so tests and a second deployment in
    /// one account keep their registers apart.
    /// </summary>
    public static IServiceCollection AddRegister(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new RegisterTables(
            provider.GetRequiredService<TableServiceClient>(),
            provider.GetRequiredService<BlobServiceClient>(),
            provider.GetRequiredService<IConfiguration>()["Register:StoragePrefix"] ?? RegisterTables.DefaultPrefix));
        services.AddSingleton<CountyDirectory>();
        services.AddSingleton<RegisterStore>();
        services.AddSingleton<ImportErrorReports>();
        services.AddSingleton<RegisterImporter>();
        services.AddSingleton<RegisterExporter>();
        services.AddSingleton<DemoCountyLoader>();
        return services;
    }
}
