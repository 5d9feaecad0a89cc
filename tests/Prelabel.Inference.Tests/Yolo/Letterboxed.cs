using System.Numerics;

namespace Prelabel.Inference.Tests.Yolo;

/// <summary>
/// Where Ultralytics' LetterBox puts an image of the original size inside the model input, worked out independently
/// of the code under test: the oracle's outputs are the test's original-pixel answers moved into input pixels.
/// </summary>
internal sealed record Letterboxed(int Width, int Height, int InputWidth = 640, int InputHeight = 640)
{
    private double Gain => Math.Min((double)InputWidth / Width, (double)InputHeight / Height);

    private int ContentWidth => (int)Math.Round(Width * Gain);

    private int ContentHeight => (int)Math.Round(Height * Gain);

    private int PadX => (int)Math.Round((InputWidth - ContentWidth) / 2.0 - 0.1);

    private int PadY => (int)Math.Round((InputHeight - ContentHeight) / 2.0 - 0.1);

    public Vector2 ToInput(float x, float y) =>
        new((float)(x * ContentWidth / Width + PadX), (float)(y * ContentHeight / Height + PadY));

    public float LengthToInput(float length) => (float)(length * Gain);

    /// <summary>An original-pixel box as the cx, cy, w, h a head would output.</summary>
    public float[] Box(float x1, float y1, float x2, float y2)
    {
        var (a, b) = (ToInput(x1, y1), ToInput(x2, y2));
        return [(a.X + b.X) / 2, (a.Y + b.Y) / 2, b.X - a.X, b.Y - a.Y];
    }
}
