using System.Text.Json.Nodes;

namespace Prelabel.LabelStudio.TestServer;

/// <summary>A task as the server holds it, for assertions; every node is a copy.</summary>
/// <param name="Predictions">Full prediction objects as <c>/api/tasks/?fields=all</c> lists them (id, result, model_version, score, task, project, …).</param>
public sealed record StoredTask(long Id, long ProjectId, JsonObject Data, JsonObject Meta, JsonArray Predictions);
