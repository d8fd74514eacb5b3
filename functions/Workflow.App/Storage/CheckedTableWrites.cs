using Azure;
using Azure.Data.Tables;

namespace Workflow.App.Storage;

/// <summary>
/// Every table write of the app, through the SDK's TableClient with <see cref="TableRules"/> checked first. Stores
/// write only through these (StorageSeamTests finds any other write), so no entity reaches the service unchecked.
/// </summary>
public static class CheckedTableWrites
{
    /// <summary>Inserts; a row with the same keys answers 409.</summary>
    public static Task<Response> AddCheckedAsync(this TableClient table, TableEntity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.AddEntityAsync(TableRules.Checked(entity), cancellationToken);
    }

    public static Task<Response> UpsertCheckedAsync(this TableClient table, TableEntity entity, TableUpdateMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.UpsertEntityAsync(TableRules.Checked(entity), mode, cancellationToken);
    }

    /// <summary>Updates the row if its ETag is still <paramref name="ifMatch"/> (412 otherwise; <see cref="ETag.All"/> for any).</summary>
    public static Task<Response> UpdateCheckedAsync(this TableClient table, TableEntity entity, ETag ifMatch, TableUpdateMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.UpdateEntityAsync(TableRules.Checked(entity), ifMatch, mode, cancellationToken);
    }

    /// <summary>An entity group transaction: all or nothing, in one partition, at most 100 actions and 4 MiB.</summary>
    public static Task<Response<IReadOnlyList<Response>>> SubmitCheckedAsync(this TableClient table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.SubmitTransactionAsync(TableRules.Checked(actions), cancellationToken);
    }
}
