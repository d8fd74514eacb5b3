using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Azure.Data.Tables;
using Workflow.Testing;

namespace Workflow.Exits.Bench;

/// <summary>
/// Counts the app's storage operations from outside its process: a relay between the app and Azurite on three ports of
/// its own (blob, queue, table) that reads each HTTP/1.1 request's head as it passes and names it. Azurite's debug log
/// would also name every request, but it writes some twenty lines per request and would slow Azurite far more than
/// this relay; the relay's own cost is measured in the same run (<see cref="MeasureOverheadAsync"/>) and printed.
/// </summary>
internal sealed class CountingStorageProxy : IAsyncDisposable
{
    private const int BodyPeekBytes = 1024;
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();

    private readonly List<(TcpListener Listener, string Service, int Upstream)> _listeners = [];
    private readonly ConcurrentDictionary<string, long> _counts;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _accepting = [];
    private long _uncountable;

    private CountingStorageProxy(ConcurrentDictionary<string, long> counts)
    {
        _counts = counts;
    }

    /// <summary>A connection string with this relay's endpoints and Azurite's account.</summary>
    public string ConnectionString
    {
        get
        {
            string Endpoint(string service) => string.Create(CultureInfo.InvariantCulture,
                $"http://127.0.0.1:{((IPEndPoint)_listeners.Single(l => l.Service == service).Listener.LocalEndpoint).Port}/{AzuriteProcess.DevelopmentAccountName}");
            return $"DefaultEndpointsProtocol=http;AccountName={AzuriteProcess.DevelopmentAccountName};AccountKey={AzuriteProcess.DevelopmentAccountKey};" +
                   $"BlobEndpoint={Endpoint("blob")};QueueEndpoint={Endpoint("queue")};TableEndpoint={Endpoint("table")};";
        }
    }

    /// <summary>Requests on a connection after a chunked request body, which the relay passes on without reading; 0 in every run so far.</summary>
    public long Uncountable => Interlocked.Read(ref _uncountable);

    /// <param name="countInto">Another relay whose counts this one adds to (a second account's Azurite), so one snapshot has both.</param>
    public static CountingStorageProxy Start(AzuriteProcess azurite, CountingStorageProxy? countInto = null)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var proxy = new CountingStorageProxy(countInto?._counts ?? new ConcurrentDictionary<string, long>(StringComparer.Ordinal));
        foreach (var (service, port) in new[] { ("blob", azurite.BlobPort), ("queue", azurite.QueuePort), ("table", azurite.TablePort) })
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start(512);
            proxy._listeners.Add((listener, service, port));
            proxy._accepting.Add(Task.Run(() => proxy.AcceptAsync(listener, service, port, proxy._stop.Token)));
        }

        return proxy;
    }

    /// <summary>The counts since the last reset, by kind (see <see cref="StorageRequestKinds"/>).</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_counts, StringComparer.Ordinal);

    public void Reset() => _counts.Clear();

    /// <summary>
    /// What the relay adds to one request: the same point read, one at a time, straight to Azurite and through the relay,
    /// alternating in rounds so both see the same machine. Returns the mean milliseconds of each.
    /// </summary>
    public async Task<(double DirectMs, double RelayedMs)> MeasureOverheadAsync(TableServiceClient direct, int requests)
    {
        ArgumentNullException.ThrowIfNull(direct);
        var relayed = new TableServiceClient(ConnectionString);
        var table = direct.GetTableClient("relayoverhead");
        await table.CreateIfNotExistsAsync();
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["Value"] = 1 });
        var (directTime, relayedTime) = (TimeSpan.Zero, TimeSpan.Zero);
        for (var round = 0; round < 10; round++)
        {
            directTime += await TimeReadsAsync(direct, requests / 10);
            relayedTime += await TimeReadsAsync(relayed, requests / 10);
        }

        await table.DeleteAsync();
        Reset();
        return (directTime.TotalMilliseconds / requests, relayedTime.TotalMilliseconds / requests);

        static async Task<TimeSpan> TimeReadsAsync(TableServiceClient account, int count)
        {
            var client = account.GetTableClient("relayoverhead");
            await client.GetEntityIfExistsAsync<TableEntity>("p", "r");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                await client.GetEntityIfExistsAsync<TableEntity>("p", "r");
            }

            return clock.Elapsed;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var (listener, _, _) in _listeners)
        {
            listener.Stop();
        }

        try
        {
            await Task.WhenAll(_accepting);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping is how the accept loops end.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener, string service, int upstreamPort, CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(token);
            _ = RelayAsync(client, service, upstreamPort, token);
        }
    }

    private async Task RelayAsync(TcpClient client, string service, int upstreamPort, CancellationToken token)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                client.NoDelay = true;
                upstream.NoDelay = true;
                await upstream.ConnectAsync(IPAddress.Loopback, upstreamPort, token);
                var fromClient = client.GetStream();
                var toAzurite = upstream.GetStream();
                var requests = RelayRequestsAsync(fromClient, toAzurite, service, token);
                var responses = toAzurite.CopyToAsync(fromClient, 64 * 1024, token);
                await Task.WhenAny(requests, responses);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // A connection closed by either side, or the relay stopping.
            }
        }
    }

    /// <summary>Passes requests on one connection to Azurite, naming each from its head (and the start of its body).</summary>
    private async Task RelayRequestsAsync(NetworkStream from, NetworkStream to, string service, CancellationToken token)
    {
        var buffer = new byte[64 * 1024];
        var (start, end) = (0, 0);
        var peek = new byte[BodyPeekBytes];
        while (true)
        {
            int headEnd;
            while ((headEnd = buffer.AsSpan(start, end - start).IndexOf(HeaderEnd)) < 0)
            {
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    (start, end) = (0, end - start);
                }

                if (end == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                var read = await from.ReadAsync(buffer.AsMemory(end), token);
                if (read == 0)
                {
                    return;
                }

                end += read;
            }

            var headLength = headEnd + HeaderEnd.Length;
            var head = Encoding.ASCII.GetString(buffer, start, headLength);
            await to.WriteAsync(buffer.AsMemory(start, headLength), token);
            start += headLength;

            var lines = head.Split("\r\n");
            var requestLine = lines[0].Split(' ');
            var (method, target) = (requestLine[0], requestLine.Length > 1 ? requestLine[1] : "/");
            long length = 0;
            var (chunked, conditional) = (false, false);
            foreach (var line in lines.Skip(1))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    continue;
                }

                var (name, value) = (line[..colon].Trim(), line[(colon + 1)..].Trim());
                if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    length = long.Parse(value, CultureInfo.InvariantCulture);
                }
                else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && value.Contains("chunked", StringComparison.OrdinalIgnoreCase))
                {
                    chunked = true;
                }
                else if (name.Equals("If-Match", StringComparison.OrdinalIgnoreCase))
                {
                    conditional = true;
                }
                else if (name.Equals("X-HTTP-Method", StringComparison.OrdinalIgnoreCase))
                {
                    method = value;
                }
            }

            var peeked = 0;
            for (var remaining = length; remaining > 0;)
            {
                if (start == end)
                {
                    (start, end) = (0, await from.ReadAsync(buffer, token));
                    if (end == 0)
                    {
                        return;
                    }
                }

                var take = (int)Math.Min(remaining, end - start);
                var copy = Math.Min(take, BodyPeekBytes - peeked);
                if (copy > 0)
                {
                    Buffer.BlockCopy(buffer, start, peek, peeked, copy);
                    peeked += copy;
                }

                await to.WriteAsync(buffer.AsMemory(start, take), token);
                start += take;
                remaining -= take;
            }

            _counts.AddOrUpdate(StorageRequestKinds.Of(service, method, target, conditional, peek.AsSpan(0, peeked)), 1, (_, n) => n + 1);
            if (chunked)
            {
                // Never sent by the storage clients (their bodies have a length); pass the rest on unread rather than guess.
                Interlocked.Increment(ref _uncountable);
                await to.WriteAsync(buffer.AsMemory(start, end - start), token);
                await from.CopyToAsync(to, token);
                return;
            }
        }
    }
}
