using Prelabel.Imaging;
using Prelabel.Inference.Yolo;

namespace Prelabel.Inference.Tests.Yolo;

public sealed class InputFrameTests
{
    [Theory]
    [InlineData(1280, 720, 1280, 720)]
    [InlineData(640, 360, 1280, 720)]
    [InlineData(720, 1280, 720, 1280)]
    [InlineData(500, 375, 2000, 1500)]
    public void Input_pixels_map_to_original_pixels_whatever_size_the_image_was_decoded_at(int decodedWidth, int decodedHeight, int width, int height)
    {
        var letterbox = ImageResizer.Letterbox(new RgbImage(decodedWidth, decodedHeight), 640, 640, RgbColor.LetterboxGrey);
        var frame = new InputFrame(letterbox, width, height);
        var expected = new Letterboxed(width, height);

        foreach (var (x, y) in new[] { (0f, 0f), (width, height), (width / 3f, height / 7f) })
        {
            var input = expected.ToInput(x, y);
            Assert.Equal(input.X, frame.ToInput(x, y).X, 1e-3f);
            Assert.Equal(input.Y, frame.ToInput(x, y).Y, 1e-3f);
            var back = frame.ToOriginal(input.X, input.Y);
            Assert.Equal(x, back.X, 1e-3f);
            Assert.Equal(y, back.Y, 1e-3f);
        }
    }

    [Fact]
    public void Boxes_are_clipped_to_the_original_image()
    {
        var frame = new InputFrame(ImageResizer.Letterbox(new RgbImage(1280, 720), 640, 640, RgbColor.LetterboxGrey), 1280, 720);

        var box = frame.ToOriginal(new YoloDetection(3, 0.5f, -10, 100, 700, 600));

        Assert.Equal(new YoloDetection(3, 0.5f, 0, 0, 1280, 720), box);
    }
}
