namespace Prelabel.Backend;

/// <summary>Label Studio sends the project as "&lt;id&gt;.&lt;created-at timestamp&gt;", a plain id, or nothing.</summary>
public static class ProjectReference
{
    public static long? IdOf(string? project) =>
        project is not null && long.TryParse(project.Split('.')[0], out var id) ? id : null;
}
