using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace Workflow.FunctionApp.Tests.Hosting;

/// <summary>
/// The host's end of the worker's one event stream: requests go out with a request id of their own, and each answer
/// (the worker echoes the id) completes the request that asked. The worker's log lines are kept for a failing test.
/// </summary>
public sealed class WorkerChannel
{
    private readonly Channel<StreamingMessage> _outgoing = Channel.CreateUnbounded<StreamingMessage>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _waiting = new();
    private readonly TaskCompletionSource<StartStream> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the worker has opened the stream and said who it is.</summary>
    public Task<StartStream> Started => _started.Task;

    public ConcurrentQueue<string> Logs { get; } = new();

    /// <summary>Sends <paramref name="request"/> and waits for the worker's answer to it.</summary>
    public async Task<StreamingMessage> RequestAsync(StreamingMessage request, CancellationToken cancellationToken)
    {
        request.RequestId = Guid.NewGuid().ToString("N");
        var answer = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[request.RequestId] = answer;
        await _outgoing.Writer.WriteAsync(request, cancellationToken);
        return await answer.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Runs the stream the worker opened (<see cref="FunctionRpcService"/>) until the worker closes it.</summary>
    public async Task RunAsync(IAsyncStreamReader<StreamingMessage> fromWorker, IServerStreamWriter<StreamingMessage> toWorker, CancellationToken cancellationToken)
    {
        var writing = WriteAsync(toWorker, cancellationToken);
        try
        {
            while (await fromWorker.MoveNext(cancellationToken))
            {
                Receive(fromWorker.Current);
            }
        }
        finally
        {
            _outgoing.Writer.TryComplete();
            await writing;
        }
    }

    private async Task WriteAsync(IServerStreamWriter<StreamingMessage> toWorker, CancellationToken cancellationToken)
    {
        await foreach (var message in _outgoing.Reader.ReadAllAsync(cancellationToken))
        {
            await toWorker.WriteAsync(message, cancellationToken);
        }
    }

    private void Receive(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.StartStream:
                _started.TrySetResult(message.StartStream);
                break;
            case StreamingMessage.ContentOneofCase.RpcLog:
                var log = message.RpcLog;
                Logs.Enqueue($"[{log.Level}] {log.Category}: {log.Message} {log.Exception?.Message} {log.Exception?.StackTrace}");
                break;
            default:
                if (_waiting.TryRemove(message.RequestId, out var answer))
                {
                    answer.TrySetResult(message);
                }
                else
                {
                    Logs.Enqueue($"[host] unexpected {message.ContentCase} for request '{message.RequestId}'");
                }

                break;
        }
    }
}
