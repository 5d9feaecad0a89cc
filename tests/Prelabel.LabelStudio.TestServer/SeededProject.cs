namespace Prelabel.LabelStudio.TestServer;

/// <summary>A project served at <c>/api/projects/{id}/</c>.</summary>
internal sealed record SeededProject(long Id, string Title, string LabelConfig)
{
    /// <summary>The project's <c>model_version</c>: the predictions the labeling UI shows. An import sets it while it is empty.</summary>
    public string ModelVersion { get; init; } = "";
}
