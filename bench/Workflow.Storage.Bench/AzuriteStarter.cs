using Workflow.Testing;

namespace Workflow.Storage.Bench;

/// <summary>
/// Starts an Azurite, trying again when it fails to come up. A run starts dozens of them, and
/// <see cref="AzuriteProcess"/> picks its three ports one after another, each one free when it is picked, so now and then
/// two of them get the same port and Azurite exits with EADDRINUSE.
/// </summary>
internal static class AzuriteStarter
{
    private const int Attempts = 3;

    public static async Task<AzuriteProcess> StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await AzuriteProcess.StartAsync();
            }
            catch (InvalidOperationException e) when (attempt < Attempts && e.Message.Contains("did not come up", StringComparison.Ordinal))
            {
                Console.Error.WriteLine($"Azurite failed to start (attempt {attempt} of {Attempts}); trying again on other ports.");
            }
        }
    }
}
