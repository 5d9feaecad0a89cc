using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Prelabel.LabelStudio.Client;

namespace Prelabel.Importer;

/// <summary>
/// Tasks imported through <c>POST /api/projects/{id}/import?return_task_ids=true</c>, the labeling config read from
/// <c>GET /api/projects/{id}/</c> (kept a minute), and earlier deliveries found by the task's data.
/// </summary>
public sealed class LabelStudioImport(LabelStudioApiClient labelStudio, TimeProvider? time = null) : ITaskSink
{
    private static readonly TimeSpan ConfigLifetime = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<long, (string Config, DateTimeOffset Read)> _configs = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<string> LabelConfigAsync(long project, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_configs.TryGetValue(project, out var cached) && now - cached.Read < ConfigLifetime) return cached.Config;
        var config = (await labelStudio.GetProjectAsync(project, cancellationToken)).LabelConfig;
        _configs[project] = (config, now);
        return config;
    }

    public async Task<long?> FindAsync(long project, BlobCreatedEvent blob, string dataKey, string uri, CancellationToken cancellationToken) =>
        (await labelStudio.FindTasksByDataAsync(project, dataKey, uri, cancellationToken)).Select(id => (long?)id).FirstOrDefault();

    public async Task<long> CreateAsync(long project, BlobCreatedEvent blob, JsonObject task, CancellationToken cancellationToken)
    {
        var ids = await labelStudio.ImportTasksAsync(project, new JsonArray(task), cancellationToken);
        return ids.Count == 1 ? ids[0] : throw new LabelStudioRequestFailedException($"Label Studio answered {ids.Count} task ids for one imported task.", 502);
    }

    public string Describe(long project, BlobCreatedEvent blob, long id) => $"task {id}";
}
