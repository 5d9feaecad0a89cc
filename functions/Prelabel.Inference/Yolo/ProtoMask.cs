using System.Numerics;

namespace Prelabel.Inference.Yolo;

/// <summary>
/// One detection's mask probabilities sigmoid(coefficients · prototypes) at prototype resolution, sampled anywhere in
/// input pixels by bilinear interpolation with PyTorch's align_corners=False (Ultralytics upsamples them that way).
/// </summary>
internal sealed class ProtoMask
{
    private const float Threshold = 0.5f;

    private readonly float[] _probabilities;
    private readonly int _width;
    private readonly int _height;
    private readonly float _scaleX;
    private readonly float _scaleY;

    public ProtoMask(ReadOnlySpan<float> prototypes, int width, int height, ReadOnlySpan<float> coefficients, InputFrame frame)
    {
        var plane = width * height;
        var logits = new float[plane];
        for (var k = 0; k < coefficients.Length; k++)
        {
            var weight = coefficients[k];
            var prototype = prototypes.Slice(k * plane, plane);
            for (var i = 0; i < plane; i++)
            {
                logits[i] += weight * prototype[i];
            }
        }

        _probabilities = Array.ConvertAll(logits, l => 1f / (1f + MathF.Exp(-l)));
        (_width, _height) = (width, height);
        (_scaleX, _scaleY) = ((float)width / frame.InputWidth, (float)height / frame.InputHeight);
    }

    /// <summary>Whether the mask covers the input-pixel point (x, y).</summary>
    public bool Covers(float x, float y)
    {
        var px = Math.Clamp(x * _scaleX - 0.5f, 0, _width - 1);
        var py = Math.Clamp(y * _scaleY - 0.5f, 0, _height - 1);
        var (x0, y0) = ((int)px, (int)py);
        var (x1, y1) = (Math.Min(x0 + 1, _width - 1), Math.Min(y0 + 1, _height - 1));
        var (fx, fy) = (px - x0, py - y0);
        float At(int col, int row) => _probabilities[row * _width + col];
        var top = At(x0, y0) + (At(x1, y0) - At(x0, y0)) * fx;
        var bottom = At(x0, y1) + (At(x1, y1) - At(x0, y1)) * fx;
        return top + (bottom - top) * fy > Threshold;
    }

    /// <summary>
    /// The outline of the mask inside <paramref name="box"/> (input pixels), traced at input resolution as Ultralytics'
    /// masks.xy is, simplified within <paramref name="tolerance"/> input pixels, in original pixels.
    /// </summary>
    public IReadOnlyList<Vector2> Polygon(YoloDetection box, InputFrame frame, float tolerance)
    {
        var (left, top) = ((int)MathF.Floor(Math.Max(box.X1, 0)), (int)MathF.Floor(Math.Max(box.Y1, 0)));
        var (right, bottom) = ((int)MathF.Ceiling(Math.Min(box.X2, frame.InputWidth)), (int)MathF.Ceiling(Math.Min(box.Y2, frame.InputHeight)));
        if (right <= left || bottom <= top)
        {
            return [];
        }

        var (width, height) = (right - left, bottom - top);
        var region = new byte[width * height];
        for (var row = 0; row < height; row++)
        {
            var y = top + row + 0.5f;
            for (var col = 0; col < width; col++)
            {
                var x = left + col + 0.5f;
                region[row * width + col] = Within(box, x, y) && Covers(x, y) ? (byte)1 : (byte)0;
            }
        }

        var outline = DouglasPeucker.SimplifyClosed(MaskContour.Outer(region, width, height), tolerance);
        return outline.Select(p => frame.Clip(frame.ToOriginal(p.X + left, p.Y + top))).ToArray();
    }

    /// <summary>The mask inside <paramref name="box"/> (original pixels) at full original size, each pixel judged at its centre.</summary>
    public YoloMask Render(YoloDetection box, InputFrame frame)
    {
        var (width, height) = (frame.OriginalWidth, frame.OriginalHeight);
        var pixels = new byte[width * height];
        var (left, top) = ((int)MathF.Floor(Math.Max(box.X1, 0)), (int)MathF.Floor(Math.Max(box.Y1, 0)));
        var (right, bottom) = ((int)MathF.Ceiling(Math.Min(box.X2, width)), (int)MathF.Ceiling(Math.Min(box.Y2, height)));
        for (var row = top; row < bottom; row++)
        {
            for (var col = left; col < right; col++)
            {
                var (x, y) = (col + 0.5f, row + 0.5f);
                var input = frame.ToInput(x, y);
                if (Within(box, x, y) && Covers(input.X, input.Y))
                {
                    pixels[row * width + col] = 255;
                }
            }
        }

        return new YoloMask(width, height, pixels);
    }

    private static bool Within(YoloDetection box, float x, float y) => x >= box.X1 && x < box.X2 && y >= box.Y1 && y < box.Y2;
}
