using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;

namespace Workflow.App.Evidence;

/// <summary>
/// Signs the short-lived read-only links evidence is viewed through, with whatever the account allows: the account key
/// locally (service SAS), or on Azure, where shared-key access is off and the app has only its managed identity, a user
/// delegation key (user delegation SAS). One key signs every link of about a day, so a page of evidence costs no extra
/// storage round trip.
/// </summary>
internal sealed class EvidenceReadLinks(BlobServiceClient service, TimeProvider time)
{
    /// <summary>The longest a read link may live: links show evidence to a person, who opens them at once.</summary>
    internal static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(1);

    // Keys live at most 7 days; a day keeps a leaked key's reach short while asking for one only daily.
    internal static readonly TimeSpan KeyLifetime = TimeSpan.FromDays(1);

    // A link may not outlive its key, so the key is renewed while it still covers the longest link, plus some slack.
    internal static readonly TimeSpan RenewBefore = MaxLifetime + TimeSpan.FromMinutes(10);

    // Keys and links start a little in the past, so a storage clock behind ours does not find them not yet valid.
    private static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromMinutes(5);

    private readonly Lock _gate = new();
    private Task<UserDelegationKey>? _key;

    /// <exception cref="ArgumentOutOfRangeException">The lifetime is not positive or exceeds <see cref="MaxLifetime"/>.</exception>
    public async Task<Uri> CreateAsync(BlobClient blob, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        if (lifetime <= TimeSpan.Zero || lifetime > MaxLifetime)
        {
            throw new ArgumentOutOfRangeException(
                nameof(lifetime), lifetime, $"A read link lives more than zero and at most {MaxLifetime.TotalMinutes} minutes.");
        }

        // The link's times are the storage service's to check, so they come from the real clock, not the app's.
        var now = DateTimeOffset.UtcNow;
        var link = new BlobSasBuilder(BlobSasPermissions.Read, now + lifetime)
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
            Resource = "b",
            StartsOn = now - ClockSkewAllowance,
            // On an https endpoint the link must not work over plain http; Azurite without TLS listens on http only.
            Protocol = blob.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.None,
        };
        if (blob.CanGenerateSasUri)
        {
            return blob.GenerateSasUri(link);
        }

        var key = await KeyAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        return blob.GenerateUserDelegationSasUri(link, key);
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
        var options = new BlobGetUserDelegationKeyOptions(now + KeyLifetime) { StartsOn = now - ClockSkewAllowance };
        var response = await service.GetUserDelegationKeyAsync(options, CancellationToken.None).ConfigureAwait(false);
        return response.Value;
    }
}
