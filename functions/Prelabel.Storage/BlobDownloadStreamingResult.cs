namespace Prelabel.Storage;

/// <summary>An open blob download: its properties and its bytes. Must be disposed; it owns the connection.</summary>
public sealed class BlobDownloadStreamingResult(Stream content, BlobProperties details) : IDisposable
{
    /// <summary>The blob's bytes, read as they arrive; reading past the caller's limit throws <see cref="BlobTooLargeException"/>.</summary>
    public Stream Content { get; } = content;

    public BlobProperties Details { get; } = details;

    public void Dispose() => Content.Dispose();
}
