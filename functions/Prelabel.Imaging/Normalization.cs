namespace Prelabel.Imaging;

/// <summary>Per-channel pixel to tensor value mapping: value = (pixel * Scale - Mean[c]) / Std[c].</summary>
/// <remarks>c is the tensor channel index, so with <see cref="Bgr"/> Mean[0] and Std[0] apply to blue
/// (the convention of OpenCV-based pipelines that state their mean in BGR order).</remarks>
public sealed class Normalization
{
    private readonly float[] mean;
    private readonly float[] std;

    public Normalization(float scale, ReadOnlySpan<float> mean, ReadOnlySpan<float> std, bool bgr = false)
    {
        if (mean.Length != 3 || std.Length != 3) throw new ArgumentException("mean and std need exactly 3 values");
        foreach (float s in std)
        {
            if (!(s != 0 && float.IsFinite(s))) throw new ArgumentException("std values must be finite and nonzero", nameof(std));
        }
        Scale = scale;
        this.mean = mean.ToArray();
        this.std = std.ToArray();
        Bgr = bgr;
        Table = BuildTable();
    }

    /// <summary>Pixel 0..255 to 0..1, no mean or std (YOLO).</summary>
    public static Normalization UnitRange { get; } = new(1f / 255f, [0f, 0f, 0f], [1f, 1f, 1f]);

    /// <summary>Pixel 0..255 to -1..1: (x / 255 - 0.5) / 0.5 (PaddleOCR recogniser).</summary>
    public static Normalization SignedUnitRange { get; } = new(1f / 255f, [0.5f, 0.5f, 0.5f], [0.5f, 0.5f, 0.5f]);

    /// <summary>x / 255 then ImageNet mean/std in RGB order (timm, torchvision).</summary>
    public static Normalization ImageNet { get; } = new(1f / 255f, [0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]);

    /// <summary>Multiplier applied to the raw 0..255 value before the mean is subtracted.</summary>
    public float Scale { get; }

    public IReadOnlyList<float> Mean => mean;

    public IReadOnlyList<float> Std => std;

    /// <summary>Tensor channel 0 is blue, 2 is red.</summary>
    public bool Bgr { get; }

    /// <summary>For each tensor channel c, 256 precomputed values at [c * 256 + pixel]: exactly the formula, per byte value.</summary>
    internal float[] Table { get; }

    public Normalization WithBgr(bool bgr = true) => new(Scale, mean, std, bgr);

    public float Apply(byte pixel, int channel) => (pixel * Scale - mean[channel]) / std[channel];

    private float[] BuildTable()
    {
        var table = new float[3 * 256];
        for (int c = 0; c < 3; c++)
        {
            for (int p = 0; p < 256; p++) table[c * 256 + p] = Apply((byte)p, c);
        }
        return table;
    }
}
