using System.Text.Json.Nodes;

namespace Prelabel.LabelStudio.TestServer;

/// <summary>A task listed by <c>/api/tasks/</c>; <see cref="Annotations"/> holds full annotation objects as Label Studio serializes them.</summary>
internal sealed record SeededTask(long Id, long ProjectId, JsonObject Data, JsonArray Annotations)
{
    public JsonObject Meta { get; init; } = [];

    /// <summary>Full prediction objects (<see cref="PredictionJson"/>); changed only under <see cref="TestServerState.Gate"/>.</summary>
    public JsonArray Predictions { get; init; } = [];
}
