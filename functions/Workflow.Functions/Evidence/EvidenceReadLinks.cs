using Workflow.Storage.Blobs;
using Workflow.Storage.Blobs.Models;

namespace Workflow.Functions.Evidence;

/// <summary>
/// Signs the short-lived read-only links evidence is viewed through, with whatever the account allows: the account key
/// locally (service SAS), or on Azure, where shared-key access is off and the app has only its managed identity, a user
/// delegation key (user delegation SAS). One key signs every link of about a day, so a page of evidence costs no extra
/// storage round trip.
/// </summary>
internal sealed class EvidenceReadLinks(BlobServiceClient service, TimeProvider time)
{
    // Keys live at most 7 days; a day keeps a leaked key's reach short while asking for one only daily.
    internal static readonly TimeSpan KeyLifetime = TimeSpan.FromDays(1);

    // A link may not outlive its key, so the key is renewed while it still covers the longest link, plus some slack.
    internal static readonly TimeSpan RenewBefore = BlobClient.MaxReadSasLifetime + TimeSpan.FromMinutes(10);

    // The key starts a little in the past, so a storage clock behind ours does not find it not yet valid.
    private static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromMinutes(5);

    private readonly Lock _gate = new();
    private Task<UserDelegationKey>? _key;

    public async Task<Uri> CreateAsync(BlobClient blob, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        if (blob.CanGenerateSasUri)
        {
            return blob.GenerateReadSasUri(lifetime);
        }

        var key = await KeyAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        return blob.GenerateUserDelegationReadSasUri(key, lifetime);
    }

    // Concurrent viewers share one request for a new key; a failed request is not kept, so the next viewer asks again.
    private Task<UserDelegationKey> KeyAsync()
    {
        lock (_gate)
        {
            if (_key is null || (_key.IsCompleted && (!_key.IsCompletedSuccessfully || _key.Result.SignedExpiresOn - time.GetUtcNow() <= RenewBefore)))
            {
                _key = RequestKeyAsync();
            }

            return _key;
        }
    }

    // Not cancelled with the request that happened to start it: other viewers are waiting for the same key.
    private async Task<UserDelegationKey> RequestKeyAsync()
    {
        var now = time.GetUtcNow();
        var response = await service.GetUserDelegationKeyAsync(now - ClockSkewAllowance, now + KeyLifetime, CancellationToken.None).ConfigureAwait(false);
        return response.Value;
    }
}
