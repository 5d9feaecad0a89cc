using Grpc.Core;
using Prelabel.Functions.TestHost.Rpc;

namespace Prelabel.Functions.TestHost;

/// <summary>The gRPC service the worker dials (Functions:Worker:HostEndpoint): its one stream goes to the connection.</summary>
internal sealed class FunctionRpcService(WorkerConnection connection) : FunctionRpc.FunctionRpcBase
{
    public override Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context) =>
        connection.RunAsync(requestStream, responseStream, context.CancellationToken);
}
