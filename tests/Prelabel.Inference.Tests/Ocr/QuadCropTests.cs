using Prelabel.Inference.Ocr;

namespace Prelabel.Inference.Tests.Ocr;

public sealed class QuadCropTests
{
    private static readonly (byte, byte, byte) Red = (255, 0, 0);
    private static readonly (byte, byte, byte) Blue = (0, 0, 255);

    [Theory]
    [InlineData(100f, 48f, 100, false)]
    [InlineData(200f, 24f, 400, false)]
    [InlineData(10f, 14f, 34, false)]
    [InlineData(10f, 15f, 72, true)]
    [InlineData(0.1f, 48f, 2048, true)]
    [InlineData(0f, 0f, 1, false)]
    [InlineData(100000f, 48f, 2048, false)]
    [InlineData(30f, 0f, 2048, false)]
    [InlineData(20f, 60f, 144, true)]
    [InlineData(20f, 29f, 33, false)]
    public void Output_width_follows_the_aspect_ratio_at_height_48(float quadWidth, float quadHeight, int expectedWidth, bool rotated)
    {
        var quad = new Quad(new(0, 0), new(quadWidth, 0), new(quadWidth, quadHeight), new(0, quadHeight));

        Assert.Equal((expectedWidth, 48, rotated), QuadCrop.OutputSize(quad));
    }

    [Fact]
    public void Sampling_into_a_larger_reused_buffer_writes_the_same_pixels_at_its_start()
    {
        var image = Paint(40, 20, (x, y) => ((byte)(x * 6), (byte)(y * 12), 7));
        var quad = new Quad(new(3, 2), new(37, 5), new(36, 18), new(2, 15));
        var buffer = new byte[48 * 2048 * 3];
        Array.Fill(buffer, (byte)99);

        var size = QuadCrop.SampleInto(image, 40, 20, quad, buffer);
        var crop = QuadCrop.Sample(image, 40, 20, quad);

        Assert.Equal((crop.Width, crop.Height), size);
        Assert.Equal(crop.Pixels, buffer[..crop.Pixels.Length]);
        Assert.Equal(99, buffer[crop.Pixels.Length]);
    }

    [Fact]
    public void Sampling_into_a_buffer_too_small_for_the_crop_is_refused()
    {
        var image = Paint(40, 20, (_, _) => Red);
        var quad = new Quad(new(0, 0), new(40, 0), new(40, 20), new(0, 20));

        Assert.Throws<ArgumentException>(() => QuadCrop.SampleInto(image, 40, 20, quad, new byte[(96 * 48 * 3) - 1]));
    }

    [Fact]
    public void Axis_aligned_quad_copies_the_region_at_the_new_scale()
    {
        var image = Paint(40, 20, (x, _) => x < 20 ? Red : Blue);
        var quad = new Quad(new(0, 0), new(40, 0), new(40, 20), new(0, 20));

        var crop = QuadCrop.Sample(image, 40, 20, quad);

        Assert.Equal((96, 48), (crop.Width, crop.Height));
        Assert.Equal(96 * 48 * 3, crop.Pixels.Length);
        Assert.Equal(Red, crop[0, 0]);
        Assert.Equal(Red, crop[46, 30]);
        Assert.Equal(Blue, crop[49, 10]);
        Assert.Equal(Blue, crop[95, 47]);
    }

    [Fact]
    public void Sub_region_quad_only_sees_that_region()
    {
        var image = Paint(40, 20, (x, y) => x >= 20 && y >= 10 ? Blue : Red);

        var crop = QuadCrop.Sample(image, 40, 20, new Quad(new(21, 11), new(39, 11), new(39, 19), new(21, 19)), targetHeight: 16);

        Assert.Equal((36, 16), (crop.Width, crop.Height));
        Assert.All(Enumerable.Range(0, crop.Width * crop.Height), i => Assert.Equal(Blue, crop[i % crop.Width, i / crop.Width]));
    }

    [Theory]
    [InlineData(30f)]
    [InlineData(-25f)]
    public void Rotated_quad_is_rectified_so_its_own_axes_become_the_crop_axes(float degrees)
    {
        // Colour by the rotated frame: red/blue for the left/right half along the line, green for its upper half.
        var rect = new RotatedRectangle(new PointF(60, 60), 60, 20, degrees * MathF.PI / 180);
        var (cos, sin) = (MathF.Cos(rect.Angle), MathF.Sin(rect.Angle));
        var image = Paint(120, 120, (x, y) =>
        {
            var (dx, dy) = (x + 0.5f - 60, y + 0.5f - 60);
            var u = (dx * cos) + (dy * sin);
            var v = (-dx * sin) + (dy * cos);
            return ((byte)(u < 0 ? 255 : 0), (byte)(v < 0 ? 255 : 0), (byte)(u < 0 ? 0 : 255));
        });

        var crop = QuadCrop.Sample(image, 120, 120, rect.ToQuad());

        Assert.Equal((144, 48), (crop.Width, crop.Height));
        Assert.Equal(((byte)255, (byte)255, (byte)0), crop[10, 10]);
        Assert.Equal(((byte)0, (byte)255, (byte)255), crop[133, 10]);
        Assert.Equal(((byte)255, (byte)0, (byte)0), crop[10, 37]);
        Assert.Equal(((byte)0, (byte)0, (byte)255), crop[133, 37]);
    }

    [Fact]
    public void Tall_quad_is_turned_so_its_top_is_read_first_from_the_left()
    {
        var image = Paint(20, 60, (_, y) => y < 30 ? Red : Blue);

        var crop = QuadCrop.Sample(image, 20, 60, new Quad(new(0, 0), new(20, 0), new(20, 60), new(0, 60)));

        Assert.Equal((144, 48), (crop.Width, crop.Height));
        Assert.Equal(Red, crop[10, 24]);
        Assert.Equal(Red, crop[60, 5]);
        Assert.Equal(Blue, crop[84, 40]);
        Assert.Equal(Blue, crop[140, 24]);
    }

    [Fact]
    public void Parts_of_a_quad_outside_the_image_repeat_the_border()
    {
        var image = Paint(10, 10, (x, _) => x == 0 ? Red : Blue);

        var crop = QuadCrop.Sample(image, 10, 10, new Quad(new(-10, 0), new(5, 0), new(5, 10), new(-10, 10)), targetHeight: 10);

        Assert.Equal(Red, crop[0, 5]);
        Assert.Equal(Red, crop[9, 5]);
        Assert.Equal(Blue, crop[14, 5]);
    }

    [Fact]
    public void Too_small_a_buffer_is_refused()
    {
        Assert.Throws<ArgumentException>(() => QuadCrop.Sample(new byte[10], 4, 4, new Quad(new(0, 0), new(4, 0), new(4, 4), new(0, 4))));
    }

    private static byte[] Paint(int width, int height, Func<int, int, (byte R, byte G, byte B)> colour)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (r, g, b) = colour(x, y);
                var i = ((y * width) + x) * 3;
                (pixels[i], pixels[i + 1], pixels[i + 2]) = (r, g, b);
            }
        }

        return pixels;
    }
}
