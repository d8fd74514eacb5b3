using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;

namespace Workflow.App.Storage;

public static class BlobContainers
{
    /// <summary>
    /// Creates the container unless the account lists it. Azure.Core logs every 4xx as a warning: the 409 with which
    /// Create Container answers for an existing container (so CreateIfNotExists alone warns on every start after the
    /// first) and the 404 of a HEAD on a missing one (so ExistsAsync warns on the first). A listing answers 200 either way,
    /// which leaves a warning only to two processes creating the container at the same moment.
    /// </summary>
    public static async Task EnsureExistsAsync(this BlobContainerClient container, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        await foreach (var listed in container.GetParentBlobServiceClient().GetBlobContainersAsync(prefix: container.Name, cancellationToken: cancellationToken)
                           .ConfigureAwait(false))
        {
            if (listed.Name == container.Name)
            {
                return;
            }
        }

        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
