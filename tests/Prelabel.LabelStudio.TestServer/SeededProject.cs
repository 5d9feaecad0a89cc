namespace Prelabel.LabelStudio.TestServer;

/// <summary>A project served at <c>/api/projects/{id}/</c>.</summary>
internal sealed record SeededProject(long Id, string Title, string LabelConfig);
