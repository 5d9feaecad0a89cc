namespace Prelabel.Inference;

/// <summary>A model that finds text lines in an image and reads them. Safe to call from several threads.</summary>
public interface ITextReader
{
    /// <summary>Model name plus a short content hash; changes only when a model file changes.</summary>
    string ModelVersion { get; }

    /// <summary>
    /// Decodes an encoded image (JPEG, PNG) and returns its text lines in original-image pixels; with an area, only
    /// the text inside it (an interactive call: the user drew a box around some text).
    /// </summary>
    TextPage Read(ReadOnlySpan<byte> encodedImage, PixelArea? within = null, CancellationToken cancellationToken = default);
}
