using Azure;

namespace Workflow.Storage.Tables;

/// <summary>
/// An entity group transaction was refused as a whole: nothing of it was applied. The service reports the
/// first operation it could not perform; <see cref="FailedTransactionActionIndex"/> is its position in the
/// list that was submitted.
/// </summary>
public sealed class TableTransactionFailedException : RequestFailedException
{
    public TableTransactionFailedException(int status, string message, string? errorCode, int? failedTransactionActionIndex)
        : base(status, message, errorCode, null)
    {
        FailedTransactionActionIndex = failedTransactionActionIndex;
    }

    /// <summary>The zero-based index of the failed action, or null when the service named none (the batch itself was refused).</summary>
    public int? FailedTransactionActionIndex { get; }
}
