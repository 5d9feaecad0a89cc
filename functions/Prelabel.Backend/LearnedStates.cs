using System.Collections.Concurrent;
using Prelabel.Inference.Embeddings;

namespace Prelabel.Backend;

/// <summary>
/// What each project's Choices controls learned, kept in memory and in a <see cref="ILearnedStateStore"/> so it
/// survives restarts and is shared by instances. Predictions read memory only; <see cref="RefreshAsync"/> brings it up
/// to date with the store at most every <see cref="Freshness"/>, so another instance's training shows up here soon.
/// </summary>
public sealed class LearnedStates(ILearnedStateStore store, TimeProvider? time = null)
{
    private sealed record Entry(EmbeddingState State, string? Tag, DateTimeOffset Checked);

    private readonly ConcurrentDictionary<(long, string), Entry> _entries = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public TimeSpan Freshness { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The state in memory; empty for no project or one not read yet.</summary>
    public EmbeddingState Get(long? project, string control) =>
        project is { } id && _entries.TryGetValue((id, control), out var entry) ? entry.State : EmbeddingState.Empty;

    /// <summary>Re-reads the controls whose state was not checked within <see cref="Freshness"/> (all of them when forced) and changed since.</summary>
    public async Task RefreshAsync(long project, IEnumerable<string> controls, bool force = false, CancellationToken cancellationToken = default)
    {
        foreach (var control in controls.Distinct())
        {
            var now = _time.GetUtcNow();
            var known = _entries.GetValueOrDefault((project, control));
            if (!force && known is not null && now - known.Checked < Freshness) continue;
            var tag = await store.TagAsync(project, control, cancellationToken);
            if (known is not null && tag == known.Tag)
            {
                _entries[(project, control)] = known with { Checked = now };
                continue;
            }
            var (state, readTag) = await store.ReadAsync(project, control, cancellationToken);
            _entries[(project, control)] = new Entry(state, readTag, now);
        }
    }

    public async Task PutAsync(long project, string control, EmbeddingState state, CancellationToken cancellationToken = default)
    {
        var tag = await store.WriteAsync(project, control, state, cancellationToken);
        _entries[(project, control)] = new Entry(state, tag, _time.GetUtcNow());
    }

    /// <summary>The project's training lock, across every instance that shares the store.</summary>
    public Task<IAsyncDisposable> LockAsync(long project, CancellationToken cancellationToken = default) => store.LockAsync(project, cancellationToken);
}
