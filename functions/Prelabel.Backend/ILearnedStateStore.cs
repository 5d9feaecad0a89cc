using Prelabel.Inference.Embeddings;

namespace Prelabel.Backend;

/// <summary>Where learned states outlive the process: files on one machine, or blobs every instance shares.</summary>
public interface ILearnedStateStore
{
    /// <summary>A tag that changes whenever the stored state does; null when nothing is stored. Cheaper than a read.</summary>
    Task<string?> TagAsync(long project, string control, CancellationToken cancellationToken);

    /// <summary>The stored state and its tag, or <see cref="EmbeddingState.Empty"/> and null when nothing is stored.</summary>
    Task<(EmbeddingState State, string? Tag)> ReadAsync(long project, string control, CancellationToken cancellationToken);

    /// <summary>Stores the state; returns its new tag.</summary>
    Task<string> WriteAsync(long project, string control, EmbeddingState state, CancellationToken cancellationToken);

    /// <summary>Holds the project's training lock until disposed, waiting while another process holds it.</summary>
    Task<IAsyncDisposable> LockAsync(long project, CancellationToken cancellationToken);
}
