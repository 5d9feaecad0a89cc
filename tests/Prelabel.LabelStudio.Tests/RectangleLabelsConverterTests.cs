using Prelabel.LabelStudio.Config;
using Prelabel.LabelStudio.Converters;
using Prelabel.LabelStudio.Predictions;

namespace Prelabel.LabelStudio.Tests;

public class RectangleLabelsConverterTests
{
    private static readonly LabelingConfig Config = LabelingConfig.Parse("""
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="bbox" toName="image"><Label value="Text"/></RectangleLabels>
        </View>
        """);

    private static ControlTag Control => Config.Controls[0];

    private static readonly ImageSize Size = new(200, 100);

    internal static DetectedRegion Quad(params double[] xy) =>
        new("r1", Enumerable.Range(0, xy.Length / 2).Select(i => new PixelPoint(xy[2 * i], xy[2 * i + 1])).ToArray(), "Text", 0.9);

    [Fact]
    public void An_upright_box_becomes_percent_of_the_original_size()
    {
        var result = RectangleLabelsConverter.ToResult(Control, "image", Size, Quad(20, 10, 120, 10, 120, 60, 20, 60));

        ResultRules.AssertValid(Config, result);
        Assert.Equal("rectanglelabels", (string?)result["type"]);
        Assert.Equal(("bbox", "image", "r1"), ((string?)result["from_name"], (string?)result["to_name"], (string?)result["id"]));
        Assert.Equal((200, 100), ((int)result["original_width"]!, (int)result["original_height"]!));
        var value = result["value"]!;
        Assert.Equal([10.0, 10.0, 50.0, 50.0, 0.0], new[] { "x", "y", "width", "height", "rotation" }.Select(k => (double)value[k]!));
        Assert.Equal("Text", (string?)value["rectanglelabels"]![0]);
        Assert.Equal(0.9, (double)result["score"]!);
    }

    [Theory]
    [InlineData(30)]
    [InlineData(-30)]
    [InlineData(90)]
    public void A_rotated_quad_keeps_its_corner_size_and_clockwise_angle(double degrees)
    {
        var (c, s) = (Math.Cos(degrees * Math.PI / 180), Math.Sin(degrees * Math.PI / 180));
        var (x0, y0, w, h) = (50.0, 40.0, 40.0, 10.0);
        var quad = Quad(x0, y0, x0 + w * c, y0 + w * s, x0 + w * c - h * s, y0 + w * s + h * c, x0 - h * s, y0 + h * c);

        var result = RectangleLabelsConverter.ToResult(Control, "image", Size, quad);

        ResultRules.AssertValid(Config, result);
        var value = result["value"]!;
        Assert.Equal(25, (double)value["x"]!, 6);
        Assert.Equal(40, (double)value["y"]!, 6);
        Assert.Equal(20, (double)value["width"]!, 6);
        Assert.Equal(10, (double)value["height"]!, 6);
        Assert.Equal((degrees + 360) % 360, (double)value["rotation"]!, 6);
    }

    // A YOLO-OBB box (centre 100,50; 80 x 20 px; angle θ) on a 200 x 100 image, its corners built as Ultralytics'
    // xywhr2xyxyxyxy does, then ordered p0..p3 clockwise from the corner the width edge starts at:
    //   v1 = (w/2)(cos θ, sin θ), v2 = (h/2)(-sin θ, cos θ); p0 = c - v1 - v2, p1 = c + v1 - v2, p2 = c + v1 + v2, p3 = c - v1 + v2.
    // The SDK's convert_yolo_obb_to_annotation, worked by hand:
    //   centre = mean of the corners = (100, 50); w = |p0 p1| = 80; h = |p0 p3| = 20; r = atan2(p1 - p0) = θ;
    //   top-left = centre - (w/2)(cos r, sin r) - (h/2)(-sin r, cos r)
    //   θ = 30°:  cos 0.8660254, sin 0.5 → (100 - 34.641016 + 5, 50 - 20 - 8.660254) = (70.358984, 21.339746)
    //   θ = -30°: cos 0.8660254, sin -0.5 → (100 - 34.641016 - 5, 50 + 20 - 8.660254) = (60.358984, 61.339746)
    //   θ = 0°:   (100 - 40, 50 - 10) = (60, 40)
    //   x = 100 · left / 200, y = 100 · top / 100, width = 100 · 80 / 200 = 40, height = 100 · 20 / 100 = 20;
    //   rotation θ, normalized to [0, 360): -30° → 330°.
    [Theory]
    [InlineData(30, 35.179492, 21.339746, 30)]
    [InlineData(-30, 30.179492, 61.339746, 330)]
    [InlineData(0, 30, 40, 0)]
    public void A_yolo_obb_box_matches_the_sdk_conversion(double degrees, double x, double y, double rotation)
    {
        var (cx, cy, w, h) = (100.0, 50.0, 80.0, 20.0);
        var (c, s) = (Math.Cos(degrees * Math.PI / 180), Math.Sin(degrees * Math.PI / 180));
        var (v1x, v1y, v2x, v2y) = (w / 2 * c, w / 2 * s, -h / 2 * s, h / 2 * c);
        var obb = Quad(cx - v1x - v2x, cy - v1y - v2y, cx + v1x - v2x, cy + v1y - v2y, cx + v1x + v2x, cy + v1y + v2y, cx - v1x + v2x, cy - v1y + v2y);

        var result = RectangleLabelsConverter.ToResult(Control, "image", Size, obb);

        ResultRules.AssertValid(Config, result);
        var value = result["value"]!;
        Assert.Equal(x, (double)value["x"]!, 5);
        Assert.Equal(y, (double)value["y"]!, 5);
        Assert.Equal(40, (double)value["width"]!, 6);
        Assert.Equal(20, (double)value["height"]!, 6);
        Assert.Equal(rotation, (double)value["rotation"]!, 6);
    }

    [Fact]
    public void Coordinates_outside_the_image_are_clamped_to_0_100()
    {
        var result = RectangleLabelsConverter.ToResult(Control, "image", Size, Quad(-10, -5, 250, -5, 250, 120, -10, 120));

        ResultRules.AssertValid(Config, result);
        Assert.All(new[] { "x", "y", "width", "height" }, k => Assert.InRange((double)result["value"]![k]!, 0, 100));
    }
}
