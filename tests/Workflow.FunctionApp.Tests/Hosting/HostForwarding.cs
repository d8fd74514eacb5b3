using System.Net;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace Workflow.FunctionApp.Tests.Hosting;

/// <summary>
/// The host's HTTP path for a worker with ASP.NET Core integration: the request is routed to a function by the
/// functions' route templates (<see cref="HostRoutes"/>), forwarded to the worker's <c>HttpUri</c> with the invocation
/// id in <c>x-ms-invocation-id</c>, and at the same time that function is invoked over gRPC with the request as its
/// <c>httpTrigger</c> binding; the worker pairs the two by the id and answers over the forwarded HTTP.
/// A path no function takes gets the host's own empty 404, and a failed invocation the host's 500 whatever the worker
/// wrote on the proxied response (the host answers from the invocation's result), as the real host's.
/// </summary>
public sealed class HostForwarding(GrpcFunctionsHost host, HostRoutes routes) : DelegatingHandler
{
    /// <summary>The function invocations this client's requests made, in order, with the worker's answers.</summary>
    public List<(string Function, InvocationResponse Response)> Invocations { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var original = request.RequestUri!;
        if (routes.Match(request.Method.Method, original.AbsolutePath) is not { } match)
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request };
        }

        var invocationId = Guid.NewGuid().ToString();
        var trigger = new RpcHttp { Method = request.Method.Method, Url = original.AbsoluteUri };
        foreach (var (name, value) in match.Values)
        {
            trigger.Params[name] = value?.ToString() ?? "";
        }

        request.RequestUri = new Uri(host.HttpUri, original.PathAndQuery);
        request.Headers.Add("x-ms-invocation-id", invocationId);
        var binding = host.Functions[match.Function.Name].Bindings.Single(b => b.Value.Type == "httpTrigger").Key;
        var invocation = host.InvokeAsync(match.Function.Name, invocationId, new ParameterBinding { Name = binding, Data = new TypedData { Http = trigger } });
        HttpResponseMessage response;
        try
        {
            response = await SendRetryingAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new HttpRequestException($"The worker did not answer {request.Method} {original.PathAndQuery} ({match.Function.Name}).\n{host.Diagnostics}", e);
        }

        var answer = await invocation;
        Invocations.Add((match.Function.Name, answer));
        if (answer.Result.Status == StatusResult.Types.Status.Success)
        {
            return response;
        }

        response.Dispose();
        return new HttpResponseMessage(HttpStatusCode.InternalServerError) { RequestMessage = request };
    }

    /// <summary>
    /// The real host forwards through its RetryProxyHandler (azure-functions-host, WebJobs.Script.Grpc): a request the
    /// worker's HTTP listener refuses is sent again up to 10 times, 50 ms apart at first and at most 250 ms, because the
    /// worker answers the init request before Kestrel has bound its port. Without it a first request after start failed
    /// here now and then with "Connection refused".
    /// </summary>
    private async Task<HttpResponseMessage> SendRetryingAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        const int MaxAttempts = 10;
        var delay = TimeSpan.FromMilliseconds(50);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException) when (attempt < MaxAttempts)
            {
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 250));
            }
        }
    }
}
