namespace Prelabel.Storage;

/// <summary>What a Put Blob sets besides the bytes, and the conditions it must meet.</summary>
public sealed class BlobUploadOptions
{
    /// <summary>The blob's Content-Type; the service stores application/octet-stream when this is null.</summary>
    public string? ContentType { get; init; }

    /// <summary>x-ms-meta-* names (C# identifiers) and printable-ASCII values. Replaces any metadata the blob had.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    public BlobRequestConditions? Conditions { get; init; }
}
