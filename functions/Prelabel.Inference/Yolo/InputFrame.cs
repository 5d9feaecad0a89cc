using System.Numerics;
using Prelabel.Imaging;

namespace Prelabel.Inference.Yolo;

/// <summary>
/// Maps between model-input pixels (the letterboxed image) and original-image pixels (full resolution, EXIF-upright).
/// The letterbox content covers the decoded image, which covers the original, so the DCT decode scale cancels out.
/// Coordinates are pixel edges: 0 is the left edge of the first pixel.
/// </summary>
public sealed class InputFrame
{
    private readonly double _padLeft;
    private readonly double _padTop;

    public InputFrame(LetterboxResult letterbox, int originalWidth, int originalHeight)
    {
        ArgumentNullException.ThrowIfNull(letterbox);
        InputWidth = letterbox.Image.Width;
        InputHeight = letterbox.Image.Height;
        OriginalWidth = originalWidth;
        OriginalHeight = originalHeight;
        _padLeft = letterbox.PadLeft;
        _padTop = letterbox.PadTop;
        ScaleX = (double)originalWidth / letterbox.ContentWidth;
        ScaleY = (double)originalHeight / letterbox.ContentHeight;
    }

    public int InputWidth { get; }

    public int InputHeight { get; }

    public int OriginalWidth { get; }

    public int OriginalHeight { get; }

    /// <summary>Original pixels per input pixel, horizontally.</summary>
    public double ScaleX { get; }

    /// <summary>Original pixels per input pixel, vertically.</summary>
    public double ScaleY { get; }

    public Vector2 ToOriginal(float x, float y) => new((float)((x - _padLeft) * ScaleX), (float)((y - _padTop) * ScaleY));

    public Vector2 ToInput(float x, float y) => new((float)(x / ScaleX + _padLeft), (float)(y / ScaleY + _padTop));

    /// <summary>A point moved onto the original image (Ultralytics clips boxes and keypoints the same way).</summary>
    public Vector2 Clip(Vector2 point) =>
        new(Math.Clamp(point.X, 0, OriginalWidth), Math.Clamp(point.Y, 0, OriginalHeight));

    /// <summary>An axis-aligned box from input to original pixels, clipped to the image.</summary>
    public YoloDetection ToOriginal(YoloDetection box)
    {
        var topLeft = Clip(ToOriginal(box.X1, box.Y1));
        var bottomRight = Clip(ToOriginal(box.X2, box.Y2));
        return box with { X1 = topLeft.X, Y1 = topLeft.Y, X2 = bottomRight.X, Y2 = bottomRight.Y };
    }
}
