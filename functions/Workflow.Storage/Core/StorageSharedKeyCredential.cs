using System.Security.Cryptography;
using System.Text;

namespace Workflow.Storage;

/// <summary>An account name and key, used to sign requests with SharedKey and to sign SAS tokens.</summary>
public sealed class StorageSharedKeyCredential
{
    private readonly byte[] _key;

    /// <exception cref="FormatException">The key is not base64.</exception>
    public StorageSharedKeyCredential(string accountName, string accountKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        ArgumentException.ThrowIfNullOrWhiteSpace(accountKey);
        AccountName = accountName;
        try
        {
            _key = Convert.FromBase64String(accountKey);
        }
        catch (FormatException)
        {
            throw new FormatException($"The account key for '{accountName}' is not valid base64.");
        }
    }

    public string AccountName { get; }

    internal string Sign(string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(stringToSign)));
}
