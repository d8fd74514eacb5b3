using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Workflow.Testing;

/// <summary>
/// A real Azurite (the Azure Storage emulator, pinned in package.json) on free ports of 127.0.0.1,
/// started for a test run and killed with it, its data in a temporary folder.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account (documented, not a secret).</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <inheritdoc cref="DevelopmentAccountName"/>
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly IReadOnlyList<Process> _processes;
    private readonly string _workspace;

    private AzuriteProcess(IReadOnlyList<Process> processes, string workspace, int blobPort, int queuePort, int tablePort, string scheme)
    {
        _processes = processes;
        _workspace = workspace;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
        Scheme = scheme;
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    /// <summary>http, or https when started with a certificate.</summary>
    public string Scheme { get; }

    public Uri BlobEndpoint => new($"{Scheme}://127.0.0.1:{BlobPort}/{DevelopmentAccountName}");
    public Uri QueueEndpoint => new($"{Scheme}://127.0.0.1:{QueuePort}/{DevelopmentAccountName}");
    public Uri TableEndpoint => new($"{Scheme}://127.0.0.1:{TablePort}/{DevelopmentAccountName}");

    /// <summary>A full connection string for this Azurite (account devstoreaccount1).</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol={Scheme};AccountName={DevelopmentAccountName};" +
        $"AccountKey={DevelopmentAccountKey};" +
        $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

    /// <summary>The SDK's table service on this Azurite, as the app registers it.</summary>
    public TableServiceClient Tables() => new(ConnectionString);

    /// <summary>The SDK's blob service on this Azurite, on the REST version the app pins (Azurite refuses the SDK's newer default).</summary>
    public BlobServiceClient Blobs() => new(ConnectionString, new BlobClientOptions(BlobClientOptions.ServiceVersion.V2026_06_06));

    /// <summary>The SDK's queue service on this Azurite, on the REST version the app pins.</summary>
    public QueueServiceClient Queues() => new(ConnectionString, new QueueClientOptions(QueueClientOptions.ServiceVersion.V2026_06_06));

    /// <param name="tls">
    /// A PEM certificate and key: Azurite then serves https and accepts Entra ID bearer tokens
    /// (<c>--oauth basic</c>: it checks lifetime, issuer and audience, not the signature).
    /// </param>
    public static async Task<AzuriteProcess> StartAsync((string CertificatePem, string KeyPem)? tls = null, CancellationToken cancellationToken = default)
    {
        var workspace = Directory.CreateTempSubdirectory("azurite-").FullName;
        var (blob, queue, table) = FreePorts();
        var output = new System.Text.StringBuilder();
        var processes = new List<Process>();
        var azurite = new AzuriteProcess(processes, workspace, blob, queue, table, tls is null ? "http" : "https");

        // One process per service: each is single-threaded, so three use the machine's cores instead of one. Blobs and
        // tables are kept in memory; queues on disk, because in memory every message becomes an extent of its own and
        // the minutely queue GC then removes them one scan each (quadratic), stalling the emulator for most of a minute
        // once a few thousand messages have passed through.
        foreach (var (service, port, persistence) in new[]
                 {
                     ("blob", blob, new[] { "--inMemoryPersistence" }),
                     ("queue", queue, ["--location", Directory.CreateDirectory(System.IO.Path.Combine(workspace, "queue")).FullName]),
                     ("table", table, ["--inMemoryPersistence"]),
                 })
        {
            processes.Add(Launch(service, port, persistence, tls, workspace, output));
        }

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await Listening(blob) && await Listening(queue) && await Listening(table)))
        {
            if (processes.Any(p => p.HasExited) || DateTime.UtcNow > deadline)
            {
                await azurite.DisposeAsync();
                string log;
                lock (output) { log = output.ToString(); }
                throw new InvalidOperationException($"Azurite did not come up on ports {blob}/{queue}/{table}. Its output:\n{log}");
            }

            await Task.Delay(100, cancellationToken);
        }

        return azurite;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        try
        {
            Directory.Delete(_workspace, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never fail a test run over it.
        }
    }

    private static Process Launch(string service, int port, string[] persistence, (string CertificatePem, string KeyPem)? tls, string workspace, System.Text.StringBuilder output)
    {
        var executable = System.IO.Path.Combine(RepositoryRoot.Path, "node_modules", ".bin", $"azurite-{service}");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed at {executable}. Run 'npm ci' in the repository root (scripts/test.sh does it for you).");
        }

        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workspace,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] common = ["--silent", "--disableTelemetry", $"--{service}Host", "127.0.0.1", $"--{service}Port", port.ToString(CultureInfo.InvariantCulture)];
        string[] secure = tls is { } pem ? ["--cert", pem.CertificatePem, "--key", pem.KeyPem, "--oauth", "basic"] : [];
        foreach (var argument in persistence.Concat(common).Concat(secure))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"azurite-{service} did not start.");
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    // All three listeners stay open until every port is chosen, so the system cannot hand out one port twice.
    private static (int Blob, int Queue, int Table) FreePorts()
    {
        var listeners = Enumerable.Range(0, 3).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }

            var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
            return (ports[0], ports[1], ports[2]);
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }

    private static async Task<bool> Listening(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
