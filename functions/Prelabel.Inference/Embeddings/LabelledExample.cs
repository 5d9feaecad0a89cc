namespace Prelabel.Inference.Embeddings;

/// <summary>One annotated task: the label(s) chosen for it and its image's embedding.</summary>
/// <param name="Labels">Distinct, in ordinal order, at least one.</param>
public sealed record LabelledExample(IReadOnlyList<string> Labels, float[] Embedding);
