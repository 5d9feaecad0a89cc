using System.Text.Json.Nodes;
using Prelabel.LabelStudio.Config;
using Prelabel.LabelStudio.Converters;
using Prelabel.LabelStudio.Predictions;

namespace Prelabel.LabelStudio.Tests;

public class ConverterTests
{
    private static readonly LabelingConfig Config = LabelingConfig.Parse("""
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="bbox" toName="image"><Label value="Text"/></RectangleLabels>
          <PolygonLabels name="poly" toName="image"><Label value="Text"/></PolygonLabels>
          <TextArea name="transcription" toName="image" perRegion="true"/>
        </View>
        """);

    private static readonly ImageSize Size = new(200, 100);

    private static DetectedRegion Quad(params double[] xy) =>
        new("r1", Enumerable.Range(0, xy.Length / 2).Select(i => new PixelPoint(xy[2 * i], xy[2 * i + 1])).ToArray(), "Text", 0.9);

    [Fact]
    public void An_upright_box_becomes_percent_of_the_original_size()
    {
        var result = RectangleLabelsConverter.ToResult(Config.Controls[0], "image", Size, Quad(20, 10, 120, 10, 120, 60, 20, 60));

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

        var value = RectangleLabelsConverter.ToResult(Config.Controls[0], "image", Size, quad)["value"]!;

        Assert.Equal(25, (double)value["x"]!, 6);
        Assert.Equal(40, (double)value["y"]!, 6);
        Assert.Equal(20, (double)value["width"]!, 6);
        Assert.Equal(10, (double)value["height"]!, 6);
        Assert.Equal((degrees + 360) % 360, (double)value["rotation"]!, 6);
    }

    [Fact]
    public void Coordinates_outside_the_image_are_clamped_to_0_100()
    {
        var value = RectangleLabelsConverter.ToResult(Config.Controls[0], "image", Size, Quad(-10, -5, 250, -5, 250, 120, -10, 120))["value"]!;

        Assert.All(new[] { "x", "y", "width", "height" }, k => Assert.InRange((double)value[k]!, 0, 100));
    }

    [Fact]
    public void A_polygon_lists_its_points_in_percent_and_is_closed()
    {
        var result = PolygonLabelsConverter.ToResult(Config.Controls[1], "image", Size, Quad(20, 10, 120, 10, 120, 60, 20, 60));

        Assert.Equal("polygonlabels", (string?)result["type"]);
        Assert.Equal("[[10,10],[60,10],[60,60],[10,60]]", result["value"]!["points"]!.ToJsonString());
        Assert.True((bool)result["value"]!["closed"]!);
        Assert.Equal("Text", (string?)result["value"]!["polygonlabels"]![0]);
    }

    [Fact]
    public void Per_region_text_shares_the_region_id_and_geometry()
    {
        var region = RectangleLabelsConverter.ToResult(Config.Controls[0], "image", Size, Quad(20, 10, 120, 10, 120, 60, 20, 60));

        var text = TextAreaConverter.ToRegionResult(Config.Controls[2], region, "HELLO");

        Assert.Equal(("r1", "transcription", "textarea"), ((string?)text["id"], (string?)text["from_name"], (string?)text["type"]));
        Assert.Equal("HELLO", (string?)text["value"]!["text"]![0]);
        Assert.False(text["value"]!.AsObject().ContainsKey("rectanglelabels"));
        Assert.Equal(10.0, (double)text["value"]!["x"]!);
        Assert.Equal("rectanglelabels", (string?)region["type"]);
    }
}
