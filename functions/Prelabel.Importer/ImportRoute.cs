namespace Prelabel.Importer;

/// <summary>Blobs in <paramref name="Container"/> whose names start with <paramref name="Prefix"/> become tasks of <paramref name="Project"/>.</summary>
public sealed record ImportRoute(string Container, string Prefix, long Project)
{
    public bool Matches(string container, string blobName) =>
        string.Equals(container, Container, StringComparison.Ordinal) && blobName.StartsWith(Prefix, StringComparison.Ordinal);

    public override string ToString() => $"{Container}/{Prefix}={Project}";
}
