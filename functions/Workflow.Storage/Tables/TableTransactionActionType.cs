namespace Workflow.Storage.Tables;

/// <summary>The operation a <see cref="TableTransactionAction"/> performs inside an entity group transaction.</summary>
public enum TableTransactionActionType
{
    /// <summary>Insert; the transaction fails if the entity exists.</summary>
    Add,

    /// <summary>Merge into an existing entity, under the action's ETag.</summary>
    UpdateMerge,

    /// <summary>Replace an existing entity, under the action's ETag.</summary>
    UpdateReplace,

    /// <summary>Delete an existing entity, under the action's ETag.</summary>
    Delete,

    /// <summary>Insert, or merge into the entity if it exists.</summary>
    UpsertMerge,

    /// <summary>Insert, or replace the entity if it exists.</summary>
    UpsertReplace,
}
