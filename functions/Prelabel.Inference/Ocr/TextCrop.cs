namespace Prelabel.Inference.Ocr;

/// <summary>An RGB24 image, rows packed without padding (stride = width × 3).</summary>
public sealed record TextCrop(byte[] Pixels, int Width, int Height)
{
    public int Stride => Width * 3;

    public (byte R, byte G, byte B) this[int x, int y]
    {
        get
        {
            var i = (y * Stride) + (x * 3);
            return (Pixels[i], Pixels[i + 1], Pixels[i + 2]);
        }
    }
}
