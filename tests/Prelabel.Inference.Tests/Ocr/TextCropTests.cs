using Prelabel.Inference.Ocr;

namespace Prelabel.Inference.Tests.Ocr;

public sealed class TextCropTests
{
    [Fact]
    public void Pixels_are_packed_rgb_rows_of_width_times_three_bytes()
    {
        var pixels = new byte[2 * 2 * 3];
        (pixels[9], pixels[10], pixels[11]) = (10, 20, 30);
        var crop = new TextCrop(pixels, 2, 2);

        Assert.Equal(6, crop.Stride);
        Assert.Equal(((byte)10, (byte)20, (byte)30), crop[1, 1]);
        Assert.Equal(((byte)0, (byte)0, (byte)0), crop[1, 0]);
    }
}
