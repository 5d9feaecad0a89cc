namespace Prelabel.LabelStudio.Client;

/// <summary>A Label Studio project as read from <c>GET /api/projects/{id}/</c>.</summary>
/// <param name="LabelConfig">The labeling configuration XML (<c>label_config</c>); empty when the project has none yet.</param>
public sealed record LabelStudioProject(long Id, string Title, string LabelConfig);
