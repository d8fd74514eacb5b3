namespace Workflow.Storage;

/// <summary>Checks a service or resource URL; splits the URL of a container or queue into the service endpoint and the resource's name.</summary>
internal static class StorageResourceUri
{
    // https://account.blob.core.windows.net/evidence and http://127.0.0.1:10000/devstoreaccount1/evidence both end
    // with the name, which cannot contain '/': whatever precedes it is the endpoint, in either URL style.
    public static (Uri Endpoint, string Name) Split(Uri resourceUri, string parameterName)
    {
        Validate(resourceUri, parameterName);
        var path = resourceUri.AbsolutePath.TrimEnd('/');
        var slash = path.LastIndexOf('/');
        var endpoint = new UriBuilder(resourceUri) { Path = path[..Math.Max(slash, 0)], Query = string.Empty, Fragment = string.Empty }.Uri;
        return (endpoint, Uri.UnescapeDataString(path[(slash + 1)..]));
    }

    /// <summary>A service endpoint as given: absolute http(s), without a query string.</summary>
    public static Uri Endpoint(Uri serviceUri, string parameterName)
    {
        Validate(serviceUri, parameterName);
        return serviceUri;
    }

    private static void Validate(Uri uri, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(uri, parameterName);
        if (!uri.IsAbsoluteUri || uri.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"'{uri}' is not an absolute http(s) URL.", parameterName);
        }

        if (uri.Query.Length > 0)
        {
            throw new ArgumentException(
                "The URL carries a query string (a SAS?): give the bare resource URL and a credential instead.", parameterName);
        }
    }
}
