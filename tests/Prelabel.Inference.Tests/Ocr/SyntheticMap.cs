using Prelabel.Inference.Ocr;

namespace Prelabel.Inference.Tests.Ocr;

/// <summary>A probability map to paint shapes on; a pixel belongs to a shape when its centre does.</summary>
internal sealed class SyntheticMap(int width, int height)
{
    public int Width { get; } = width;

    public int Height { get; } = height;

    public float[] Values { get; } = new float[width * height];

    public SyntheticMap Rectangle(int x, int y, int w, int h, float probability)
    {
        for (var row = Math.Max(y, 0); row < Math.Min(y + h, Height); row++)
        {
            for (var col = Math.Max(x, 0); col < Math.Min(x + w, Width); col++)
            {
                Values[(row * Width) + col] = probability;
            }
        }

        return this;
    }

    public SyntheticMap Rotated(float cx, float cy, float w, float h, float degrees, float probability)
    {
        var a = degrees * MathF.PI / 180;
        var (cos, sin) = (MathF.Cos(a), MathF.Sin(a));
        for (var row = 0; row < Height; row++)
        {
            for (var col = 0; col < Width; col++)
            {
                var dx = col + 0.5f - cx;
                var dy = row + 0.5f - cy;
                var u = (dx * cos) + (dy * sin);
                var v = (-dx * sin) + (dy * cos);
                if (MathF.Abs(u) <= w / 2 && MathF.Abs(v) <= h / 2)
                {
                    Values[(row * Width) + col] = probability;
                }
            }
        }

        return this;
    }

    public IReadOnlyList<DetectedText> Process(TextDetectionOptions? options = null) =>
        new TextDetectionPostProcessor(options).Process(Values, Width, Height);
}
