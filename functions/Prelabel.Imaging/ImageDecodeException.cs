namespace Prelabel.Imaging;

/// <summary>The bytes could not be turned into pixels: unsupported format, over the size limit, or corrupt.</summary>
public sealed class ImageDecodeException : Exception
{
    public ImageDecodeException(string message)
        : base(message)
    {
    }

    public ImageDecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
