using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Workflow.FunctionApp.Tests.Hosting;

/// <summary>
/// The smallest stand-in for the Functions host that the published worker accepts: a gRPC <c>FunctionRpc</c> service on
/// Kestrel (HTTP/2, 127.0.0.1), the worker process started as the host starts it, and the host's side of the protocol:
/// init, metadata, a load per function, then invocations. HTTP goes to the worker's own Kestrel (its <c>HttpUri</c>
/// capability) beside the invocation that names it, as the host proxies it (<see cref="HostForwarding"/>).
/// </summary>
public sealed class GrpcFunctionsHost : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly WebApplication _server;
    private readonly WorkerChannel _channel;
    private readonly Process _worker;
    private readonly ConcurrentQueue<string> _console;
    private readonly Stopwatch _sinceStart;
    private readonly Dictionary<string, RpcFunctionMetadata> _functions = [];

    private GrpcFunctionsHost(WebApplication server, WorkerChannel channel, Process worker, ConcurrentQueue<string> console, Stopwatch sinceStart)
    {
        _server = server;
        _channel = channel;
        _worker = worker;
        _console = console;
        _sinceStart = sinceStart;
    }

    /// <summary>Where the worker's ASP.NET Core integration listens for the requests the host proxies.</summary>
    public Uri HttpUri { get; private set; } = null!;

    /// <summary>The functions the worker reported and loaded, by name.</summary>
    public IReadOnlyDictionary<string, RpcFunctionMetadata> Functions => _functions;

    /// <summary>From the worker process's start to its <c>WorkerInitResponse</c>.</summary>
    public TimeSpan UntilInitialized { get; private set; }

    /// <summary>From the worker process's start to the last of its functions loaded (metadata and a load per function).</summary>
    public TimeSpan UntilLoaded { get; private set; }

    /// <summary>From the worker process's start to the first invocation it answered.</summary>
    public TimeSpan? UntilFirstInvocation { get; private set; }

    /// <summary>What the worker logged, over the stream and on its console: for a failing test's message.</summary>
    public string Diagnostics => string.Join('\n', _channel.Logs.Concat(_console).TakeLast(200));

    /// <param name="environment">The app settings the host would give the worker process as environment variables.</param>
    public static async Task<GrpcFunctionsHost> StartAsync(string folder, IReadOnlyDictionary<string, string> environment)
    {
        var channel = new WorkerChannel();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(options =>
        {
            options.MaxReceiveMessageSize = null;
            options.MaxSendMessageSize = null;
        });
        builder.Services.AddSingleton(channel);
        var server = builder.Build();
        server.MapGrpcService<FunctionRpcService>();
        await server.StartAsync();
        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        var console = new ConcurrentQueue<string>();
        var sinceStart = Stopwatch.StartNew();
        var worker = Process.Start(WorkerStart(folder, new Uri(address), environment))!;
        worker.OutputDataReceived += (_, line) => console.Enqueue(line.Data ?? "");
        worker.ErrorDataReceived += (_, line) => console.Enqueue(line.Data ?? "");
        worker.BeginOutputReadLine();
        worker.BeginErrorReadLine();

        var host = new GrpcFunctionsHost(server, channel, worker, console, sinceStart);
        try
        {
            await host.InitializeAsync(folder);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>
    /// As the host starts a dotnet-isolated worker: <c>dotnet</c> with worker.config.json's assembly, the gRPC address and
    /// ids as the worker's command-line switches (its <c>WorkerHostBuilderExtensions</c> maps them to
    /// <c>Functions:Worker:*</c>), the app folder in <c>FUNCTIONS_APPLICATION_DIRECTORY</c>, the app settings as environment.
    /// </summary>
    private static ProcessStartInfo WorkerStart(string folder, Uri grpcAddress, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            Path.Combine(folder, "Workflow.FunctionApp.dll"),
            "--functions-uri", grpcAddress.AbsoluteUri,
            "--functions-worker-id", Guid.NewGuid().ToString(),
            "--functions-request-id", Guid.NewGuid().ToString(),
            "--functions-grpc-max-message-length", int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = folder;
        start.Environment["FUNCTIONS_WORKER_DIRECTORY"] = folder;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    private async Task InitializeAsync(string folder)
    {
        await WhileRunningAsync(_channel.Started);

        var init = new WorkerInitRequest { HostVersion = "4.1044.400", WorkerDirectory = folder, FunctionAppDirectory = folder };
        var initialized = (await RequestAsync(new StreamingMessage { WorkerInitRequest = init })).WorkerInitResponse;
        UntilInitialized = _sinceStart.Elapsed;
        EnsureSuccess(initialized.Result, "WorkerInitRequest");
        HttpUri = new Uri(initialized.Capabilities["HttpUri"]);

        var metadata = (await RequestAsync(new StreamingMessage { FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = folder } })).FunctionMetadataResponse;
        EnsureSuccess(metadata.Result, "FunctionsMetadataRequest");
        if (metadata.UseDefaultMetadataIndexing)
        {
            throw new InvalidOperationException("The worker asked the host to index functions.metadata itself; a worker-indexed app never does.");
        }

        foreach (var function in metadata.FunctionMetadataResults)
        {
            // The host names each function by an id of its own when the worker gives none.
            if (string.IsNullOrEmpty(function.FunctionId))
            {
                function.FunctionId = Guid.NewGuid().ToString();
            }

            var loaded = (await RequestAsync(new StreamingMessage { FunctionLoadRequest = new FunctionLoadRequest { FunctionId = function.FunctionId, Metadata = function } })).FunctionLoadResponse;
            EnsureSuccess(loaded.Result, $"FunctionLoadRequest {function.Name}");
            _functions[function.Name] = function;
        }

        UntilLoaded = _sinceStart.Elapsed;
    }

    /// <summary>Invokes <paramref name="functionName"/> with the given trigger and input bindings; the worker's answer.</summary>
    public async Task<InvocationResponse> InvokeAsync(string functionName, string invocationId, params ParameterBinding[] inputs)
    {
        var request = new InvocationRequest
        {
            InvocationId = invocationId,
            FunctionId = _functions[functionName].FunctionId,
            TraceContext = new RpcTraceContext { TraceParent = $"00-{Guid.NewGuid():N}-{Guid.NewGuid().ToString("N")[..16]}-01", TraceState = "" },
        };
        request.InputData.Add(inputs);
        var answer = (await RequestAsync(new StreamingMessage { InvocationRequest = request })).InvocationResponse;
        UntilFirstInvocation ??= _sinceStart.Elapsed;
        return answer;
    }

    /// <summary>A client whose requests reach the worker as through the host: routed to a function, proxied with an invocation.</summary>
    /// <param name="forwarding">The client's handler, which keeps the invocations its requests made.</param>
    public HttpClient CreateClient(HostRoutes routes, out HostForwarding forwarding)
    {
        forwarding = new HostForwarding(this, routes) { InnerHandler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() } };
        return new HttpClient(forwarding) { BaseAddress = new Uri("http://functionapp.test/") };
    }

    private Task<StreamingMessage> RequestAsync(StreamingMessage request) => WhileRunningAsync(_channel.RequestAsync(request, CancellationToken.None));

    /// <summary>Waits for <paramref name="task"/>, failing with the worker's output when the worker exits or takes too long.</summary>
    private async Task<T> WhileRunningAsync<T>(Task<T> task)
    {
        var exited = _worker.WaitForExitAsync();
        var finished = await Task.WhenAny(task, exited, Task.Delay(Patience));
        return finished == task
            ? await task
            : throw new InvalidOperationException((finished == exited ? $"The worker exited ({_worker.ExitCode})." : "The worker did not answer in time.") + "\n" + Diagnostics);
    }

    private void EnsureSuccess(StatusResult result, string request)
    {
        if (result.Status != StatusResult.Types.Status.Success)
        {
            throw new InvalidOperationException($"{request}: {result.Status} {result.Exception?.Message}\n{result.Exception?.StackTrace}\n{Diagnostics}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_worker.HasExited)
        {
            _worker.Kill(entireProcessTree: true);
            await _worker.WaitForExitAsync();
        }

        _worker.Dispose();
        await _server.StopAsync();
        await _server.DisposeAsync();
    }
}
