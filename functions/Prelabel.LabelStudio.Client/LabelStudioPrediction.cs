using System.Text.Json.Nodes;

namespace Prelabel.LabelStudio.Client;

/// <summary>One prediction of a task, as listed with <c>fields=all</c>.</summary>
/// <param name="ModelVersion">The <c>model_version</c> it was stored with; empty when Label Studio sent none.</param>
/// <param name="Score">Task-level confidence, 0-1, when one was given.</param>
/// <param name="Result">The regions (<c>from_name</c>, <c>to_name</c>, <c>type</c>, <c>value</c>, …); owned by this record.</param>
public sealed record LabelStudioPrediction(long Id, string ModelVersion, double? Score, JsonArray Result);
