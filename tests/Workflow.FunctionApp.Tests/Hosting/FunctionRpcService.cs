using Grpc.Core;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace Workflow.FunctionApp.Tests.Hosting;

/// <summary>The host's gRPC service: the worker dials it at start and keeps one bidirectional stream open.</summary>
public sealed class FunctionRpcService(WorkerChannel channel) : FunctionRpc.FunctionRpcBase
{
    public override Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context) =>
        channel.RunAsync(requestStream, responseStream, context.CancellationToken);
}
