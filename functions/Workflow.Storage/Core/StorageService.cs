namespace Workflow.Storage;

/// <summary>The three Azure Storage services; each signs and reports errors its own way.</summary>
internal enum StorageService
{
    Blob,
    Queue,
    Table,
}
