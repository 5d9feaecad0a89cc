using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Prelabel.Storage;

/// <summary>
/// Creates a container or queue the first time something needs it, then never asks again; a failed try (storage
/// unreachable) is tried afresh next time, where a cached <c>Lazy&lt;Task&gt;</c> would keep failing for good.
/// </summary>
public sealed class CreatedOnce(Func<Task> create)
{
    private readonly object _lock = new();
    private Task? _creating;

    public CreatedOnce(BlobContainerClient container) : this(() => container.CreateIfNotExistsAsync()) { }

    public CreatedOnce(QueueClient queue) : this(() => queue.CreateIfNotExistsAsync()) { }

    public Task EnsureAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_creating is null || _creating.IsFaulted || _creating.IsCanceled) _creating = create();
            return _creating.WaitAsync(cancellationToken);
        }
    }
}
