using System.Collections.Concurrent;
using Prelabel.Inference.Embeddings;

namespace Prelabel.Backend;

/// <summary>
/// What each project's Choices controls learned from its annotations, one JSON file per project and control under
/// LEARNED_STATE_DIR, so it survives restarts; read once, then kept in memory.
/// </summary>
public sealed class LearnedStates(string directory)
{
    private readonly ConcurrentDictionary<string, EmbeddingState> _states = new();

    public EmbeddingState Get(long? project, string control) =>
        project is { } id ? _states.GetOrAdd(PathFor(id, control), EmbeddingState.Load) : EmbeddingState.Empty;

    public void Put(long project, string control, EmbeddingState state)
    {
        var path = PathFor(project, control);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        state.Save(path);
        _states[path] = state;
    }

    // Control names come from a config anyone with project access can edit: keep them to safe file names.
    private string PathFor(long project, string control) =>
        Path.Combine(directory, project.ToString(System.Globalization.CultureInfo.InvariantCulture),
            string.Concat(control.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')) + ".json");
}
