using System.Diagnostics;
using Xunit.Abstractions;

namespace Prelabel.Imaging.Tests;

public sealed class TensorWriterTests(ITestOutputHelper output)
{
    private static RgbImage TwoPixels() => new(2, 1, [10, 20, 30, 40, 50, 60]);

    [Fact]
    public void WriteChw_writes_red_green_blue_planes()
    {
        var tensor = new float[6];

        TensorWriter.WriteChw(TwoPixels(), tensor, new Normalization(1f, [0f, 0f, 0f], [1f, 1f, 1f]));

        Assert.Equal([10f, 40f, 20f, 50f, 30f, 60f], tensor);
    }

    [Fact]
    public void WriteChw_with_bgr_puts_blue_first()
    {
        var tensor = new float[6];

        TensorWriter.WriteChw(TwoPixels(), tensor, new Normalization(1f, [0f, 0f, 0f], [1f, 1f, 1f], bgr: true));

        Assert.Equal([30f, 60f, 20f, 50f, 10f, 40f], tensor);
    }

    [Fact]
    public void WriteChw_applies_scale_mean_and_std_per_tensor_channel()
    {
        var n = new Normalization(1f / 255f, [0.1f, 0.2f, 0.3f], [0.5f, 0.25f, 2f], bgr: true);
        var tensor = new float[6];

        TensorWriter.WriteChw(TwoPixels(), tensor, n);

        Assert.Equal((30 * (1f / 255f) - 0.1f) / 0.5f, tensor[0]); // blue, channel 0's mean and std
        Assert.Equal((50 * (1f / 255f) - 0.2f) / 0.25f, tensor[3]);
        Assert.Equal((40 * (1f / 255f) - 0.3f) / 2f, tensor[5]);
    }

    [Fact]
    public void WriteChw_leaves_the_rest_of_a_batch_buffer_alone()
    {
        var batch = new float[2 * 6];
        Array.Fill(batch, -7f);

        TensorWriter.WriteChw(TwoPixels(), batch.AsSpan(6), Normalization.UnitRange);

        Assert.All(batch[..6], v => Assert.Equal(-7f, v));
        Assert.Equal(Normalization.UnitRange.Apply(10, 0), batch[6]);
        Assert.Equal(Normalization.UnitRange.Apply(60, 2), batch[11]);
    }

    [Fact]
    public void WriteChw_rejects_a_short_destination()
    {
        var error = Assert.Throws<ArgumentException>(() => TensorWriter.WriteChw(TwoPixels(), new float[5], Normalization.UnitRange));

        Assert.Contains("needs 6", error.Message);
    }

    [Fact]
    public void WriteHwc_interleaves_channels()
    {
        var tensor = new float[6];

        TensorWriter.WriteHwc(TwoPixels(), tensor, new Normalization(1f, [0f, 0f, 0f], [1f, 1f, 1f], bgr: true));

        Assert.Equal([30f, 20f, 10f, 60f, 50f, 40f], tensor);
    }

    [Fact]
    public void TensorLength_is_three_planes()
    {
        Assert.Equal(3 * 640 * 480, TensorWriter.TensorLength(new RgbImage(640, 480)));
    }

    [Fact]
    public void WriteChw_timing_of_640x640_is_reported()
    {
        var pixels = new byte[640 * 640 * 3];
        new Random(1).NextBytes(pixels);
        var image = new RgbImage(640, 640, pixels);
        var tensor = new float[TensorWriter.TensorLength(image)];
        TensorWriter.WriteChw(image, tensor, Normalization.ImageNet);
        var times = new List<double>();
        for (int i = 0; i < 9; i++)
        {
            long start = Stopwatch.GetTimestamp();
            TensorWriter.WriteChw(image, tensor, Normalization.ImageNet);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        times.Sort();
        output.WriteLine($"WriteChw 640x640 ImageNet: median {times[4]:F2} ms");
        Assert.Equal(Normalization.ImageNet.Apply(pixels[0], 0), tensor[0]);
    }
}
