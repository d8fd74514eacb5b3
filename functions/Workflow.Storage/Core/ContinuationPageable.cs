using Azure;

namespace Workflow.Storage;

/// <summary>
/// Results page by page as the service returns them, following its continuation token until there is none.
/// Enumerating it yields the items of every page; <see cref="AsPages"/> exposes the pages and can resume
/// from a token a previous enumeration returned.
/// </summary>
internal sealed class ContinuationPageable<T>(
    Func<string?, int?, CancellationToken, Task<Page<T>>> fetchPage,
    int? defaultPageSize,
    CancellationToken cancellationToken) : AsyncPageable<T>(cancellationToken)
    where T : notnull
{
    public override async IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        do
        {
            var page = await fetchPage(continuationToken, pageSizeHint ?? defaultPageSize, CancellationToken).ConfigureAwait(false);
            continuationToken = page.ContinuationToken;
            yield return page;
        }
        while (!string.IsNullOrEmpty(continuationToken));
    }
}
