using System.Text.Json.Nodes;

namespace Prelabel.LabelStudio.TestServer;

/// <summary>A task listed by <c>/api/tasks/</c>; <see cref="Annotations"/> holds full annotation objects as Label Studio serializes them.</summary>
internal sealed record SeededTask(long Id, long ProjectId, JsonObject Data, JsonArray Annotations);
