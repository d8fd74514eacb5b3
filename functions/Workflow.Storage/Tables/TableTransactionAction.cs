using Azure;

namespace Workflow.Storage.Tables;

/// <summary>One operation of an entity group transaction (see <see cref="TableClient.SubmitTransactionAsync"/>).</summary>
public sealed class TableTransactionAction
{
    /// <param name="actionType">What to do with the entity.</param>
    /// <param name="entity">The entity; for a delete only its keys are used.</param>
    /// <param name="etag">
    /// The If-Match condition of an update or delete; when omitted, the entity's own <see cref="TableEntity.ETag"/>,
    /// and when that is empty too, <see cref="ETag.All"/> (unconditional). Ignored for adds and upserts.
    /// </param>
    public TableTransactionAction(TableTransactionActionType actionType, TableEntity entity, ETag etag = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (!Enum.IsDefined(actionType))
        {
            throw new ArgumentOutOfRangeException(nameof(actionType), actionType, "Unknown transaction action type.");
        }

        ActionType = actionType;
        Entity = entity;
        ETag = etag;
    }

    public TableTransactionActionType ActionType { get; }

    public TableEntity Entity { get; }

    public ETag ETag { get; }
}
