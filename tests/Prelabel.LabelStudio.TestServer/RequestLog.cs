using System.Collections.Concurrent;

namespace Prelabel.LabelStudio.TestServer;

/// <summary>Every request both listeners received, in arrival order; recorded before the response is written.</summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    public IReadOnlyList<RecordedRequest> All => _requests.ToArray();

    public IReadOnlyList<RecordedRequest> To(string path) => _requests.Where(r => r.Path == path).ToArray();

    public int Count(string path) => _requests.Count(r => r.Path == path);

    internal void Add(RecordedRequest request) => _requests.Enqueue(request);

    public void Clear() => _requests.Clear();
}
