namespace Workflow.Storage.Blobs.Models;

/// <summary>
/// A key Blob Storage issued to an Entra ID principal (Get User Delegation Key), shaped like Azure.Storage.Blobs'
/// <c>UserDelegationKey</c>. It signs user delegation SAS links; a link works only while the key does and only as far
/// as the principal's own roles reach. The key fields go into every link as they are, so none may be altered.
/// </summary>
public sealed class UserDelegationKey
{
    /// <summary>The principal's object id (skoid).</summary>
    public required string SignedObjectId { get; init; }

    /// <summary>The principal's tenant (sktid).</summary>
    public required string SignedTenantId { get; init; }

    /// <summary>From when the key signs (skt).</summary>
    public required DateTimeOffset SignedStartsOn { get; init; }

    /// <summary>Until when the key signs (ske); links signed with it stop working then too.</summary>
    public required DateTimeOffset SignedExpiresOn { get; init; }

    /// <summary>The service the key is for (sks): <c>b</c>.</summary>
    public required string SignedService { get; init; }

    /// <summary>The service version that issued the key (skv); not necessarily the version the client sent.</summary>
    public required string SignedVersion { get; init; }

    /// <summary>The HMAC-SHA256 key, base64.</summary>
    public required string Value { get; init; }
}
