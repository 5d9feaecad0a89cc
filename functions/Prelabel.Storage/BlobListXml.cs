using System.Xml.Linq;

namespace Prelabel.Storage;

/// <summary>One page of List Blobs: &lt;EnumerationResults&gt;&lt;Blobs&gt;&lt;Blob&gt;… and &lt;NextMarker&gt;.</summary>
internal sealed record BlobListXml(IReadOnlyList<BlobItem> Blobs, string? NextMarker)
{
    public static async Task<BlobListXml> ReadAsync(Stream content, CancellationToken cancellationToken)
    {
        var results = (await XDocument.LoadAsync(content, LoadOptions.None, cancellationToken).ConfigureAwait(false)).Root
            ?? throw new InvalidDataException("List Blobs answered with an empty document.");
        var blobs = results.Element("Blobs")?.Elements("Blob").Select(Item).ToList() ?? [];
        var next = results.Element("NextMarker")?.Value;
        return new BlobListXml(blobs, string.IsNullOrEmpty(next) ? null : next);
    }

    private static BlobItem Item(XElement blob)
    {
        var name = blob.Element("Name") ?? throw new InvalidDataException("A listed blob has no Name.");
        var properties = blob.Element("Properties") ?? throw new InvalidDataException($"Listed blob {name.Value} has no Properties.");
        string? Property(string key) => properties.Element(key)?.Value;

        // Names holding characters XML 1.0 cannot carry come percent-encoded, flagged Encoded="true".
        var text = (string?)name.Attribute("Encoded") == "true" ? Uri.UnescapeDataString(name.Value) : name.Value;
        var contentType = Property("Content-Type");
        return new BlobItem(
            text,
            StorageHeaders.ParseETag(Property("Etag") ?? throw new InvalidDataException($"Listed blob {text} has no Etag.")),
            long.TryParse(Property("Content-Length"), out var length) ? length : 0,
            string.IsNullOrEmpty(contentType) ? null : contentType,
            StorageHeaders.ParseDate(Property("Last-Modified") ?? throw new InvalidDataException($"Listed blob {text} has no Last-Modified.")));
    }
}
