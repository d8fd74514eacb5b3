using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Workflow.App.Links;

/// <summary>
/// The absolute addresses put into notifications and QR codes. On Azure the public host name is configured
/// (Links:PublicBaseUrl): the app listens on a private port behind the Functions host. Standalone, the address the
/// server listens on is the public one.
/// </summary>
public sealed class LinkAddresses(IConfiguration configuration, IServer server)
{
    public Uri Absolute(string pathAndQuery)
    {
        var configured = configuration["Links:PublicBaseUrl"];
        var baseAddress = !string.IsNullOrWhiteSpace(configured)
            ? configured
            : server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
              ?? throw new InvalidOperationException("Links:PublicBaseUrl is not set and the server has no address yet.");
        return new Uri(new Uri(baseAddress.TrimEnd('/') + "/"), pathAndQuery.TrimStart('/'));
    }
}
