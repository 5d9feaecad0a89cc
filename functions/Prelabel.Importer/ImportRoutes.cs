using System.Globalization;

namespace Prelabel.Importer;

/// <summary>
/// Which Label Studio projects a blob feeds, from IMPORT_ROUTES: <c>images=3</c>, or several routes separated by
/// commas or semicolons such as <c>images/cam1/=3, images/cam2/=4, scans=5</c>. A blob feeds every project whose
/// route matches it, one task per project.
/// </summary>
public sealed class ImportRoutes(IReadOnlyList<ImportRoute> routes)
{
    public IReadOnlyList<ImportRoute> All { get; } = routes;

    public IReadOnlyList<long> ProjectsFor(string container, string blobName) =>
        [.. All.Where(r => r.Matches(container, blobName)).Select(r => r.Project).Distinct()];

    /// <exception cref="FormatException">A route is not <c>container[/prefix]=project</c>; the message shows which.</exception>
    public static ImportRoutes Parse(string? text)
    {
        var routes = new List<ImportRoute>();
        foreach (var part in (text ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.LastIndexOf('=');
            var path = equals > 0 ? part[..equals].Trim().TrimStart('/') : "";
            var slash = path.IndexOf('/');
            var (container, prefix) = slash < 0 ? (path, "") : (path[..slash], path[(slash + 1)..]);
            if (container.Length == 0 || !long.TryParse(part[(equals + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var project) || project <= 0)
                throw new FormatException($"IMPORT_ROUTES entry \"{part}\" is not container[/prefix]=project (for example images/cam1/=3).");
            routes.Add(new ImportRoute(container, prefix, project));
        }
        return new ImportRoutes(routes);
    }
}
