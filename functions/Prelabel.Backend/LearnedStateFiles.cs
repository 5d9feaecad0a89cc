using System.Globalization;
using Prelabel.Inference.Embeddings;

namespace Prelabel.Backend;

/// <summary>
/// Learned states as one JSON file per project and control under LEARNED_STATE_DIR. One machine only: the lock is
/// the process's own (the trainer already runs one refit per project at a time).
/// </summary>
public sealed class LearnedStateFiles(string directory) : ILearnedStateStore
{
    private sealed class NoLock : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    public Task<string?> TagAsync(long project, string control, CancellationToken cancellationToken)
    {
        var file = new FileInfo(PathFor(project, control));
        return Task.FromResult(file.Exists ? $"{file.LastWriteTimeUtc.Ticks}-{file.Length}" : null);
    }

    public async Task<(EmbeddingState State, string? Tag)> ReadAsync(long project, string control, CancellationToken cancellationToken)
    {
        var tag = await TagAsync(project, control, cancellationToken);
        return (EmbeddingState.Load(PathFor(project, control)), tag);
    }

    public async Task<string> WriteAsync(long project, string control, EmbeddingState state, CancellationToken cancellationToken)
    {
        state.Save(PathFor(project, control));
        return (await TagAsync(project, control, cancellationToken))!;
    }

    public Task<IAsyncDisposable> LockAsync(long project, CancellationToken cancellationToken) => Task.FromResult<IAsyncDisposable>(new NoLock());

    /// <summary>Control names come from a config anyone with project access can edit: keep them to safe file names.</summary>
    public static string SafeName(string control) =>
        string.Concat(control.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));

    private string PathFor(long project, string control) =>
        Path.Combine(directory, project.ToString(CultureInfo.InvariantCulture), SafeName(control) + ".json");
}
