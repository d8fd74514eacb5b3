namespace Workflow.Durable.Bench;

/// <summary>What a storage request did, told apart by HTTP method and path shape.</summary>
internal enum StorageOpKind
{
    TableBatch,
    TableQuery,
    TableGet,
    TableInsert,
    TableUpsert,
    TableReplace,
    TableMerge,
    TableDelete,
    QueueSend,
    QueueReceive,
    QueueDelete,
    QueueUpdate,
    QueueOther,
    BlobUpload,
    BlobDownload,
    BlobOther,
    Other,
}

/// <summary>
/// One storage request as the engine issued it: its kind, the table or queue it addressed, when it started
/// (for replaying in the same order), how long it took, its body sizes, and for receives and queries how
/// many messages or entities came back. <paramref name="Request"/> is the request URI, kept for the few
/// parameters a replay reuses (messages asked for, visibility).
/// </summary>
internal sealed record StorageOp(
    StorageOpKind Kind,
    string Target,
    long StartedAt,
    TimeSpan Elapsed,
    long RequestBytes,
    long ResponseBytes,
    int Items,
    int Status,
    Uri Request)
{
    public bool Failed => Status is 0 or >= 400;
}
