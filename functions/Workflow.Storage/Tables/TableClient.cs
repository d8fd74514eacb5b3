using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Core;

namespace Workflow.Storage.Tables;

/// <summary>
/// One table of Azure Table storage (or Azurite), shaped after Azure.Data.Tables' <c>TableClient</c> so that one can
/// replace this behind the same calls. Every rule the service would refuse with a 400 — names, keys, property
/// types and sizes, transaction limits — is checked first and fails with an <see cref="ArgumentException"/>
/// naming the rule; refusals only the service can decide come back as <see cref="RequestFailedException"/>
/// with the HTTP status and the storage error code.
/// </summary>
public sealed class TableClient
{
    internal const string AcceptJson = "application/json;odata=minimalmetadata";

    private static readonly string[] KeyProperties = ["PartitionKey", "RowKey"];

    private readonly StoragePipeline _pipeline;

    public TableClient(string connectionString, string tableName, StorageClientOptions? options = null)
        : this(StorageConnectionString.Parse(connectionString), tableName, options)
    {
    }

    public TableClient(Uri endpoint, string tableName, StorageSharedKeyCredential credential, StorageClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credential);
        Name = StorageNames.ValidateTableName(tableName);
        _pipeline = new StoragePipeline(StorageService.Table, endpoint, credential, options);
    }

    /// <summary>For Azure with Entra ID (managed identity); the identity needs a Storage Table Data role.</summary>
    public TableClient(Uri endpoint, string tableName, TokenCredential credential, StorageClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credential);
        Name = StorageNames.ValidateTableName(tableName);
        _pipeline = new StoragePipeline(StorageService.Table, endpoint, credential, options);
    }

    private TableClient(StorageConnectionString account, string tableName, StorageClientOptions? options)
        : this(account.TableEndpoint, tableName, account.Credential, options)
    {
    }

    /// <summary>The table's name.</summary>
    public string Name { get; }

    public string AccountName => _pipeline.AccountName;

    public async Task<Response> CreateAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateTableMessage();
        return await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates the table, or returns the service's 409 response when it already exists.</summary>
    public async Task<Response> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateTableMessage();
        var response = await _pipeline.SendAsync(message, cancellationToken, alsoSuccessful: 409).ConfigureAwait(false);
        if (response.Status == 409)
        {
            // Only "already exists" is success: a table still being deleted is also a 409, and must surface.
            var error = StorageErrors.FromResponse(StorageService.Table, message.Request, response);
            if (error.ErrorCode != "TableAlreadyExists")
            {
                throw error;
            }
        }

        return response;
    }

    /// <summary>Deletes the table; a table that does not exist is not an error (the 404 response is returned), as in Azure.Data.Tables.</summary>
    public async Task<Response> DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, $"Tables('{Name}')");
        return await _pipeline.SendAsync(message, cancellationToken, alsoSuccessful: 404).ConfigureAwait(false);
    }

    /// <summary>Inserts the entity; one that exists already fails with 409 (EntityAlreadyExists). The new ETag is in the response's headers.</summary>
    public async Task<Response> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var body = TableEntityJson.Serialize(entity);
        using var message = CreateMessage(RequestMethod.Post, Name);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJsonContent(message, body);
        return await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Inserts the entity, or merges it into (or replaces) the stored one, whatever its ETag.</summary>
    public async Task<Response> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var message = CreateWriteMessage(entity, mode);
        return await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Merges the entity into (or replaces) the stored one if its ETag still matches <paramref name="ifMatch"/>
    /// (<see cref="ETag.All"/> for any): otherwise 412, and 404 when there is no such entity.
    /// </summary>
    public async Task<Response> UpdateEntityAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (ifMatch == default)
        {
            throw new ArgumentException("An update needs an If-Match condition: the ETag the entity was read with, or ETag.All to overwrite any version.", nameof(ifMatch));
        }

        using var message = CreateWriteMessage(entity, mode);
        message.Request.Headers.SetValue("If-Match", ifMatch.ToString("H"));
        return await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes the entity if its ETag matches <paramref name="ifMatch"/> (any version when omitted), otherwise 412.
    /// An entity that does not exist is not an error (the 404 response is returned), as in Azure.Data.Tables.
    /// </summary>
    public async Task<Response> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, EntityPath(partitionKey, rowKey));
        message.Request.Headers.SetValue("If-Match", (ifMatch == default ? ETag.All : ifMatch).ToString("H"));
        return await _pipeline.SendAsync(message, cancellationToken, alsoSuccessful: 404).ConfigureAwait(false);
    }

    /// <summary>Reads one entity; a missing one fails with 404 (ResourceNotFound).</summary>
    /// <param name="select">Properties to return; the keys are always returned.</param>
    public async Task<Response<TableEntity>> GetEntityAsync(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        using var message = CreateGetEntityMessage(partitionKey, rowKey, select);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(ReadEntity(response), response);
    }

    /// <summary>Reads one entity, or null when there is none. A missing table still throws.</summary>
    public async Task<TableEntity?> GetEntityIfExistsAsync(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        using var message = CreateGetEntityMessage(partitionKey, rowKey, select);
        var response = await _pipeline.SendAsync(message, cancellationToken, alsoSuccessful: 404).ConfigureAwait(false);
        if (response.Status != 404)
        {
            return ReadEntity(response);
        }

        var error = StorageErrors.FromResponse(StorageService.Table, message.Request, response);
        return error.ErrorCode == "ResourceNotFound" ? null : throw error;
    }

    /// <summary>
    /// The entities matching <paramref name="filter"/> (all when null), fetched page by page as the sequence is
    /// enumerated, following the service's continuation to the end.
    /// </summary>
    /// <param name="filter">Built with <see cref="TableFilter"/>, which escapes every value.</param>
    /// <param name="maxPerPage">The page size (<c>$top</c>), 1 to 1000; the service's default is 1000.</param>
    /// <param name="select">Properties to return; the keys are always returned so results can be updated or deleted.</param>
    public AsyncPageable<TableEntity> QueryAsync(TableFilter? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        ValidatePageSize(maxPerPage);
        var selection = SelectList(select);
        return new ContinuationPageable<TableEntity>(
            (continuation, pageSize, cancellation) => QueryPageAsync(filter, selection, continuation, pageSize, cancellation),
            maxPerPage,
            cancellationToken);
    }

    /// <summary>
    /// Runs the actions as one entity group transaction: all are applied or none. They must address one partition,
    /// each row at most once, at most 100 actions and 4 MiB in all (checked here: Azurite accepts more than Azure).
    /// A refused transaction throws <see cref="TableTransactionFailedException"/> naming the failed action.
    /// </summary>
    /// <returns>The response of each action, in order (status and ETag).</returns>
    public async Task<Response<IReadOnlyList<Response>>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> transactionActions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactionActions);
        var actions = transactionActions.ToList();
        if (actions.Contains(null!))
        {
            throw new ArgumentException("A transaction action is null.", nameof(transactionActions));
        }

        var (contentType, body) = TableTransactionBatch.Write($"{_pipeline.Endpoint.AbsoluteUri.TrimEnd('/')}/{Name}", actions);
        using var message = CreateMessage(RequestMethod.Post, "$batch");
        message.Request.Headers.SetValue("Content-Type", contentType);
        message.Request.Content = RequestContent.Create(body);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(TableTransactionBatch.Read(response, actions), response);
    }

    /// <summary>
    /// <c>(PartitionKey='…',RowKey='…')</c> already percent-encoded: the request is signed over the escaped path,
    /// so it is escaped here once and appended unescaped. Quotes are doubled for OData first.
    /// </summary>
    internal static string EntityKeyPath(string partitionKey, string rowKey)
    {
        static string Key(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));
        return $"(PartitionKey='{Key(partitionKey)}',RowKey='{Key(rowKey)}')";
    }

    private string EntityPath(string partitionKey, string rowKey) =>
        Name + EntityKeyPath(
            StorageNames.ValidateEntityKey(partitionKey, nameof(partitionKey)),
            StorageNames.ValidateEntityKey(rowKey, nameof(rowKey)));

    private HttpMessage CreateMessage(RequestMethod method, string escapedPath)
    {
        var message = _pipeline.CreateMessage(method, escapedPath, escape: false);
        var headers = message.Request.Headers;
        headers.SetValue("Accept", AcceptJson);
        headers.SetValue("DataServiceVersion", "3.0");
        headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        return message;
    }

    private HttpMessage CreateTableMessage()
    {
        var message = CreateMessage(RequestMethod.Post, "Tables");
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJsonContent(message, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = Name }));
        return message;
    }

    private HttpMessage CreateWriteMessage(TableEntity entity, TableUpdateMode mode)
    {
        var method = mode switch
        {
            TableUpdateMode.Merge => RequestMethod.Patch,
            TableUpdateMode.Replace => RequestMethod.Put,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown update mode."),
        };
        var body = TableEntityJson.Serialize(entity);
        var message = CreateMessage(method, Name + EntityKeyPath(entity.PartitionKey, entity.RowKey));
        SetJsonContent(message, body);
        return message;
    }

    private HttpMessage CreateGetEntityMessage(string partitionKey, string rowKey, IEnumerable<string>? select)
    {
        var path = EntityPath(partitionKey, rowKey);
        var selection = SelectList(select);
        var message = CreateMessage(RequestMethod.Get, path);
        if (selection is not null)
        {
            message.Request.Uri.AppendQuery("$select", selection);
        }

        return message;
    }

    private async Task<Page<TableEntity>> QueryPageAsync(TableFilter? filter, string? select, string? continuation, int? pageSize, CancellationToken cancellationToken)
    {
        ValidatePageSize(pageSize);
        using var message = CreateMessage(RequestMethod.Get, Name + "()");
        var uri = message.Request.Uri;
        if (filter is not null)
        {
            uri.AppendQuery("$filter", filter.ToString());
        }

        if (select is not null)
        {
            uri.AppendQuery("$select", select);
        }

        if (pageSize is { } top)
        {
            uri.AppendQuery("$top", top.ToString(CultureInfo.InvariantCulture));
        }

        if (continuation is not null)
        {
            var space = continuation.IndexOf(' ', StringComparison.Ordinal);
            uri.AppendQuery("NextPartitionKey", space < 0 ? continuation : continuation[..space]);
            if (space >= 0 && space < continuation.Length - 1)
            {
                uri.AppendQuery("NextRowKey", continuation[(space + 1)..]);
            }
        }

        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        List<TableEntity> entities;
        using (var json = JsonDocument.Parse(response.Content.ToMemory()))
        {
            entities = json.RootElement.GetProperty("value").EnumerateArray().Select(TableEntityJson.Read).ToList();
        }

        var next = response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var nextPartition) && nextPartition.Length > 0
            ? response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var nextRow) ? $"{nextPartition} {nextRow}" : nextPartition
            : null;
        return Page<TableEntity>.FromValues(entities, next, response);
    }

    private static TableEntity ReadEntity(Response response)
    {
        using var json = JsonDocument.Parse(response.Content.ToMemory());
        var entity = TableEntityJson.Read(json.RootElement);
        if (entity.ETag == default && response.Headers.ETag is { } etag)
        {
            entity.ETag = etag;
        }

        return entity;
    }

    private static void SetJsonContent(HttpMessage message, byte[] body)
    {
        message.Request.Headers.SetValue("Content-Type", "application/json");
        message.Request.Content = RequestContent.Create(body);
    }

    private static void ValidatePageSize(int? pageSize)
    {
        if (pageSize is < 1 or > TableLimits.MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, $"A page holds 1 to {TableLimits.MaxPageSize} entities.");
        }
    }

    // The keys are always selected: an entity without them could not be updated or deleted.
    private static string? SelectList(IEnumerable<string>? select) =>
        select is null
            ? null
            : string.Join(',', KeyProperties.Concat(select.Select(TableLimits.ValidatePropertyName)).Distinct(StringComparer.Ordinal));
}
