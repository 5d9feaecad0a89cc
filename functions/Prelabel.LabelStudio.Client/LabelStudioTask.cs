using System.Text.Json.Nodes;

namespace Prelabel.LabelStudio.Client;

/// <summary>A task with its data, annotations and predictions, as listed by <c>GET /api/tasks/?fields=all</c>.</summary>
/// <param name="Data">The task data (<c>task.data</c>), e.g. <c>{"image": "azure-blob://images/a.jpg"}</c>; owned by this record.</param>
/// <param name="Annotations">Every annotation, cancelled ones included; see <see cref="CompletedAnnotations"/>.</param>
public sealed record LabelStudioTask(long Id, JsonObject Data, IReadOnlyList<LabelStudioAnnotation> Annotations)
{
    /// <summary>The task's <c>meta</c>, e.g. <c>{"source_blob": "images/cam1/0001.jpg"}</c>; empty when it has none. Owned by this record.</summary>
    public JsonObject Meta { get; init; } = [];

    /// <summary>Every prediction of the task, of any model version.</summary>
    public IReadOnlyList<LabelStudioPrediction> Predictions { get; init; } = [];

    /// <summary>The annotations that were submitted rather than skipped.</summary>
    public IEnumerable<LabelStudioAnnotation> CompletedAnnotations => Annotations.Where(a => !a.WasCancelled);
}
