using System.Text.Json.Nodes;

namespace Prelabel.LabelStudio.Client;

/// <summary>One annotation of a task, as listed with <c>fields=all</c>.</summary>
/// <param name="Result">The regions, in the same shape as prediction results (<c>from_name</c>, <c>to_name</c>, <c>type</c>, <c>value</c>, …); owned by this record.</param>
/// <param name="WasCancelled">True when the annotator skipped the task; such an annotation teaches nothing.</param>
/// <param name="GroundTruth">True when a reviewer marked it as the reference answer.</param>
public sealed record LabelStudioAnnotation(long Id, JsonArray Result, bool WasCancelled, bool GroundTruth);
