using Prelabel.Testing;
using Prelabel.Imaging;
using Prelabel.Inference.Ocr;

namespace Prelabel.Inference.Tests.Ocr;

public sealed class PaddleOcrTests(PaddleOcrFixture fixture) : IClassFixture<PaddleOcrFixture>
{
    [Theory]
    [InlineData("Total 42.50 EUR", 28)]
    [InlineData("Total 42.50 EUR", 40)]
    [InlineData("Total 42.50 EUR", 60)]
    [InlineData("Order number 12345", 28)]
    [InlineData("Order number 12345", 40)]
    [InlineData("Order number 12345", 60)]
    [InlineData("Hello World", 28)]
    [InlineData("Hello World", 40)]
    [InlineData("Hello World", 60)]
    [InlineData("Hello World Total 42.50 EUR", 24)]
    [InlineData("Hello World Total 42.50 EUR", 32)]
    [InlineData("Invoice 2024-03-15, page 1 of 3", 26)]
    public void A_rendered_line_is_read_exactly_with_its_spaces_inside_a_box_around_its_ink(string text, int pointSize)
    {
        var line = RenderedLine.Draw(fixture.Folder, text, pointSize);

        var page = fixture.Ocr.Read(File.ReadAllBytes(line.Path));

        var found = Assert.Single(page.Lines);
        Assert.Equal(text, found.Text);
        AssertCoversInk(found, line.InkX, line.InkY, line.InkWidth, line.InkHeight);
        Assert.Equal((1000, 200), (page.Width, page.Height));
    }

    [Fact]
    public void Ten_lines_read_the_same_in_batches_of_six_as_one_at_a_time()
    {
        string[] texts = ["Invoice 2024-03-15", "Bill to: John Smith", "Order number 12345", "Item Qty Price", "Coffee beans 2 18.00",
            "Milk 1L 3 4.50", "Delivery (express) 1 7.90", "Subtotal 30.40 EUR", "VAT 19% 5.78 EUR", "Total 36.18 EUR"];
        var path = Path.Combine(fixture.Folder, "page.png");
        ImageMagick.Convert(["-size", "1000x700", "xc:white", "-font", "DejaVu-Sans", "-pointsize", "28", "-fill", "black",
            .. texts.SelectMany((t, i) => new[] { "-annotate", $"+{30 + (i % 3 * 40)}+{60 * (i + 1)}", t }), path]);
        using var batched = new PaddleOcr(new PaddleOcrOptions { ModelDirectory = RepositoryFiles.PaddleModels, RecognizerBatchSize = 6 });

        var single = fixture.Ocr.Read(File.ReadAllBytes(path));
        var six = batched.Read(File.ReadAllBytes(path));

        Assert.Equal(texts, single.Lines.Select(l => l.Text));
        Assert.Equal(texts, six.Lines.Select(l => l.Text));
        Assert.True(six.Timings.Inference > 0 && six.Timings.Inference < six.Timings.Decode + six.Timings.Preprocess + six.Timings.Inference + six.Timings.Postprocess);
    }

    [Fact]
    public void An_exif_rotated_jpeg_gives_coordinates_in_the_upright_frame()
    {
        var line = RenderedLine.Draw(fixture.Folder, "Total 42.50 EUR", 40, width: 600, height: 200, left: 60, baseline: 110);
        var stored = Path.Combine(fixture.Folder, "stored.jpg");
        // Orientation 6 displays the stored pixels turned a quarter clockwise, so they are stored a quarter counterclockwise.
        ImageMagick.Convert([line.Path, "-rotate", "-90", "-quality", "95", stored]);
        var jpeg = ExifOrientation.Add(File.ReadAllBytes(stored), 6);

        var page = fixture.Ocr.Read(jpeg);

        Assert.Equal((600, 200), (page.Width, page.Height));
        var found = Assert.Single(page.Lines);
        Assert.Equal("Total 42.50 EUR", found.Text);
        AssertCoversInk(found, line.InkX, line.InkY, line.InkWidth, line.InkHeight);
    }

    [Fact]
    public void An_empty_white_image_has_no_lines()
    {
        var path = Path.Combine(fixture.Folder, "white.png");
        ImageMagick.Convert(["-size", "640x480", "xc:white", path]);

        var page = fixture.Ocr.Read(File.ReadAllBytes(path));

        Assert.Empty(page.Lines);
        Assert.Equal((640, 480), (page.Width, page.Height));
    }

    [Fact]
    public void Model_version_is_the_same_for_every_instance_over_the_same_files()
    {
        using var other = new PaddleOcr(PaddleOcrFixture.Options());

        Assert.Equal(fixture.Ocr.ModelVersion, other.ModelVersion);
        Assert.Matches("^PP-OCRv4-[0-9a-f]{8}$", other.ModelVersion);
    }

    [Fact]
    public void Model_version_changes_when_one_model_file_changes()
    {
        var copy = Directory.CreateDirectory(Path.Combine(fixture.Folder, "changed-models")).FullName;
        foreach (var file in new[] { PaddleOcrOptions.DefaultDetectorFile, PaddleOcrOptions.DefaultRecognizerFile, PaddleOcrOptions.DefaultCharactersFile })
        {
            File.Copy(Path.Combine(RepositoryFiles.PaddleModels, file), Path.Combine(copy, file));
        }

        File.AppendAllText(Path.Combine(copy, PaddleOcrOptions.DefaultCharactersFile), "\n");
        using var changed = new PaddleOcr(PaddleOcrFixture.Options(copy));

        Assert.NotEqual(fixture.Ocr.ModelVersion, changed.ModelVersion);
    }

    [Fact]
    public void A_missing_model_file_is_a_file_not_found_error_that_names_model_dir()
    {
        var empty = Directory.CreateDirectory(Path.Combine(fixture.Folder, "no-models")).FullName;
        using var missing = new PaddleOcr(PaddleOcrFixture.Options(empty));
        var png = File.ReadAllBytes(RenderedLine.Draw(fixture.Folder, "Hello World", 28).Path);

        var read = Assert.Throws<FileNotFoundException>(() => missing.Read(png));
        var version = Assert.Throws<FileNotFoundException>(() => missing.ModelVersion);

        Assert.Contains("MODEL_DIR", read.Message);
        Assert.Contains(PaddleOcrOptions.DefaultDetectorFile, read.FileName);
        Assert.Contains("MODEL_DIR", version.Message);
    }

    [Fact]
    public void The_detector_input_is_bgr_with_imagenet_mean_and_std_at_a_multiple_of_32()
    {
        var image = new RgbImage(1000, 200);
        image.Fill(new RgbColor(255, 0, 0));

        var input = PaddleOcr.DetectorInput(image, 960);

        Assert.Equal([1L, 3, 192, 960], input.Shape);
        var plane = 192 * 960;
        Expect.Near((0f - 0.485f) / 0.229f, input.Span[0], 1e-5f, "blue, first plane");
        Expect.Near((0f - 0.456f) / 0.224f, input.Span[plane], 1e-5f, "green");
        Expect.Near((1f - 0.406f) / 0.225f, input.Span[2 * plane], 1e-5f, "red, last plane");
    }

    [Fact]
    public void Recogniser_inputs_are_sorted_by_aspect_ratio_and_padded_with_zeros_to_the_widest_crop_of_each_batch()
    {
        var image = new RgbImage(800, 100);
        image.Fill(new RgbColor(255, 255, 255));
        Quad Box(float width) => new(new(0, 0), new(width, 0), new(width, 24), new(0, 24));
        Quad[] quads = [Box(240), Box(24), Box(480), Box(120), Box(48), Box(720), Box(96)];

        var batches = PaddleOcr.RecognizerInputs(image, quads, batchSize: 3);

        Assert.Equal([[1, 4, 6], [3, 0, 2], [5]], batches.Select(b => b.Lines.ToArray()));
        Assert.Equal([[3L, 3, 48, 192], [3L, 3, 48, 960], [1L, 3, 48, 1440]], batches.Select(b => b.Input.Shape.ToArray()));
        var first = batches[0].Input.Span;
        Assert.Equal(1f, first[0]);
        Assert.Equal(1f, first[47]);
        Assert.Equal(0f, first[48]);
        Assert.Equal(0f, first[191]);
        Assert.Equal(1f, first[(2 * 3 * 48 * 192) + 191]);
        Assert.Equal(0f, first[(3 * 48 * 192) + 96]);
    }

    /// <summary>The quad's bounds hold the ink box, and not much more.</summary>
    private static void AssertCoversInk(TextLine line, int x, int y, int width, int height)
    {
        var (left, top) = (line.Corners.Min(c => c.X), line.Corners.Min(c => c.Y));
        var (right, bottom) = (line.Corners.Max(c => c.X), line.Corners.Max(c => c.Y));
        Assert.True(left <= x && top <= y && right >= x + width && bottom >= y + height,
            $"box {left},{top} to {right},{bottom} does not hold ink {x},{y} {width}x{height}");
        Assert.True((right - left) * (bottom - top) <= 3.0 * width * height, $"box {left},{top} to {right},{bottom} is far larger than ink {x},{y} {width}x{height}");
    }
}
