using System.Text.Json.Nodes;

namespace Prelabel.Importer;

/// <summary>Where a pre-annotated task goes: Label Studio's import API, or a task file Label Studio's storage sync reads.</summary>
public interface ITaskSink
{
    /// <summary>The labeling config of a project, to predict with.</summary>
    Task<string> LabelConfigAsync(long project, CancellationToken cancellationToken);

    /// <summary>A task an earlier, unfinished delivery of the same blob already created, if any.</summary>
    Task<long?> FindAsync(long project, BlobCreatedEvent blob, string dataKey, string uri, CancellationToken cancellationToken);

    /// <summary>Creates the task (data, meta, predictions) and names it: a Label Studio task id, or 0 for a task file.</summary>
    Task<long> CreateAsync(long project, BlobCreatedEvent blob, JsonObject task, CancellationToken cancellationToken);

    /// <summary>How an outcome names what was created, e.g. "task 101" or "task file tasks/3/images/a.jpg.json".</summary>
    string Describe(long project, BlobCreatedEvent blob, long id);
}
