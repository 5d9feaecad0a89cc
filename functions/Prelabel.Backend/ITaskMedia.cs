namespace Prelabel.Backend;

/// <summary>Gets the bytes behind a task's data value (upload path, URL or cloud URI).</summary>
public interface ITaskMedia
{
    /// <summary>Throws <see cref="BackendException"/> with the reason when the media cannot be had.</summary>
    Task<byte[]> DownloadAsync(string uri, long? taskId, CancellationToken cancellationToken = default);
}
