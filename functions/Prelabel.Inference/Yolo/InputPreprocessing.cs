using System.Text.Json;
using Prelabel.Imaging;
using Prelabel.Onnx;

namespace Prelabel.Inference.Yolo;

/// <summary>
/// How pixels become the input tensor. Ultralytics exports: RGB scaled to 0..1, classifiers' shorter side resized
/// to the input size. timm / torchvision models declare theirs in the sidecar: mean and std (0..1 units),
/// channel order, and the shorter-side size before the centre crop (torchvision's Resize(256) + CenterCrop(224)).
/// </summary>
public sealed record InputPreprocessing(float[] Mean, float[] Std, bool Bgr, int? ResizeShorter)
{
    public static readonly InputPreprocessing Ultralytics = new([0f, 0f, 0f], [1f, 1f, 1f], false, null);

    /// <summary>The sidecar's mean, std, channel_order and resize; what it leaves out comes from the fallback.</summary>
    public static InputPreprocessing FromSidecar(JsonElement root, InputPreprocessing fallback) => new(
        root.TryGetProperty("mean", out var mean) ? Triple(mean, "mean") : fallback.Mean,
        root.TryGetProperty("std", out var std) ? Triple(std, "std") : fallback.Std,
        root.TryGetProperty("channel_order", out var order) ? ParseOrder(order.GetString()) : fallback.Bgr,
        root.TryGetProperty("resize", out var resize) ? resize.GetInt32() : fallback.ResizeShorter);

    /// <summary>Shorter side to <see cref="ResizeShorter"/> (else to the input size), then the centre cut out, no padding.</summary>
    public RgbImage CenterCrop(RgbImage image, int width, int height)
    {
        var scale = ResizeShorter is { } shorter
            ? (double)shorter / Math.Min(image.Width, image.Height)
            : Math.Max((double)width / image.Width, (double)height / image.Height);
        // Cut the centre out of the source first, then scale only that: the same pixels, and a 100000x1 strip never
        // becomes a 22400000x224 intermediate.
        var (cropWidth, cropHeight) = (Math.Clamp((int)Math.Round(width / scale), 1, image.Width), Math.Clamp((int)Math.Round(height / scale), 1, image.Height));
        using var centre = image.Crop((image.Width - cropWidth) / 2, (image.Height - cropHeight) / 2, cropWidth, cropHeight);
        return ImageResizer.Resize(centre, width, height);
    }

    /// <summary>[1, 3, H, W], normalised, in the input's element type (half-precision exports take float16), in a pooled buffer.</summary>
    public IModelInput Tensor(RgbImage image, bool half)
    {
        var floats = new PooledTensor<float>(1, 3, image.Height, image.Width);
        TensorWriter.WriteChw(image, floats.Span, new Normalization(1f / 255f, Mean, Std, Bgr));
        if (!half) return floats;
        using (floats) return floats.ToFloat16();
    }

    private static float[] Triple(JsonElement value, string key)
    {
        var values = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(v => v.GetSingle()).ToArray() : [];
        return values.Length == 3 && (key != "std" || values.All(v => v > 0))
            ? values
            : throw new FormatException($"{key} must be three numbers in 0..1 units{(key == "std" ? ", all above 0" : "")}.");
    }

    private static bool ParseOrder(string? order) => order?.ToLowerInvariant() switch
    {
        "rgb" => false,
        "bgr" => true,
        _ => throw new FormatException($"channel_order must be \"rgb\" or \"bgr\", not \"{order}\"."),
    };
}
