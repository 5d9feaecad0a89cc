namespace Prelabel.Imaging;

/// <summary>Pixels could not be encoded (out of memory, or an image libspng refuses).</summary>
public sealed class ImageEncodeException : Exception
{
    public ImageEncodeException(string message)
        : base(message)
    {
    }
}
