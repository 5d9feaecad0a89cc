using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;
using Prelabel.Functions.TestHost.Rpc;

namespace Prelabel.Functions.TestHost;

/// <summary>
/// The host's end of the worker's one EventStream: a single writer (gRPC streams take one write at a time), replies
/// matched to their requests by request_id (invocations by invocation_id), the worker's logs kept for test output.
/// </summary>
internal sealed class WorkerConnection
{
    private readonly Channel<StreamingMessage> outgoing = Channel.CreateUnbounded<StreamingMessage>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> pending = new();
    private readonly TaskCompletionSource<string> started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> invocationLogs = new();

    public WorkerConnection(Action<string> log) => Log = log;

    public Action<string> Log { get; }

    /// <summary>The worker id of StartStream, once the worker has dialled in.</summary>
    public Task<string> Started => started.Task;

    public async Task RunAsync(IAsyncStreamReader<StreamingMessage> requests, IServerStreamWriter<StreamingMessage> responses, CancellationToken cancellationToken)
    {
        var writer = Task.Run(async () =>
        {
            await foreach (var message in outgoing.Reader.ReadAllAsync(cancellationToken)) await responses.WriteAsync(message, cancellationToken);
        }, cancellationToken);
        try
        {
            await foreach (var message in requests.ReadAllAsync(cancellationToken)) Receive(message);
        }
        finally
        {
            foreach (var waiting in pending.Values) waiting.TrySetException(new IOException("The worker closed its EventStream."));
            outgoing.Writer.TryComplete();
        }
        await writer;
    }

    /// <summary>Sends a request and waits for the reply keyed <paramref name="key"/>, up to <paramref name="timeout"/>.</summary>
    public async Task<StreamingMessage> RequestAsync(StreamingMessage request, string key, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var reply = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!pending.TryAdd(key, reply)) throw new InvalidOperationException($"A request keyed {key} is already waiting.");
        try
        {
            await outgoing.Writer.WriteAsync(request, cancellationToken);
            return await reply.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The worker did not answer {request.ContentCase} within {timeout.TotalSeconds:0} s.");
        }
        finally
        {
            pending.TryRemove(key, out _);
        }
    }

    /// <summary>Collects the worker's log lines of one invocation, as the host shows them under the function's execution.</summary>
    public void WatchLogs(string invocationId) => invocationLogs[invocationId] = new ConcurrentQueue<string>();

    public IReadOnlyList<string> LogsOf(string invocationId) =>
        invocationLogs.TryGetValue(invocationId, out var lines) ? [.. lines] : [];

    public ValueTask SendAsync(StreamingMessage message) => outgoing.Writer.WriteAsync(message);

    private void Receive(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.StartStream:
                started.TrySetResult(message.StartStream.WorkerId);
                return;
            case StreamingMessage.ContentOneofCase.RpcLog:
                var entry = message.RpcLog;
                if (entry.InvocationId is { Length: > 0 } invocation && invocationLogs.TryGetValue(invocation, out var lines)) lines.Enqueue(entry.Message);
                Log($"[{entry.Level}] {entry.Category}: {entry.Message}{(entry.Exception is { } e ? $" ({e.Message})" : "")}");
                return;
            case StreamingMessage.ContentOneofCase.InvocationResponse:
                Complete(message.InvocationResponse.InvocationId, message);
                return;
            default:
                Complete(message.RequestId, message);
                return;
        }
    }

    private void Complete(string key, StreamingMessage message)
    {
        if (pending.TryGetValue(key, out var waiting)) waiting.TrySetResult(message);
        else Log($"[host] unexpected {message.ContentCase} for {key}");
    }
}
