using Prelabel.LabelStudio.Config;
using Prelabel.LabelStudio.Converters;
using Prelabel.LabelStudio.Predictions;

namespace Prelabel.LabelStudio.Tests;

public class PolygonLabelsConverterTests
{
    private static readonly LabelingConfig Config = LabelingConfig.Parse("""
        <View>
          <Image name="image" value="$image"/>
          <PolygonLabels name="poly" toName="image"><Label value="Text"/></PolygonLabels>
        </View>
        """);

    private static readonly ImageSize Size = new(200, 100);

    public static TheoryData<double[], string> Polygons => new()
    {
        { [20, 10, 120, 10, 120, 60, 20, 60], "[[10,10],[60,10],[60,60],[10,60]]" },
        { [0, 0, 200, 0, 100, 100], "[[0,0],[100,0],[50,100]]" },
        { [-20, 50, 100, -10, 260, 150], "[[0,50],[50,0],[100,100]]" },
    };

    [Theory]
    [MemberData(nameof(Polygons))]
    public void A_polygon_lists_its_points_in_percent_clamped_to_the_image_and_is_closed(double[] xy, string points)
    {
        var result = PolygonLabelsConverter.ToResult(Config.Controls[0], "image", Size, RectangleLabelsConverterTests.Quad(xy));

        ResultRules.AssertValid(Config, result);
        Assert.Equal("polygonlabels", (string?)result["type"]);
        Assert.Equal(points, result["value"]!["points"]!.ToJsonString());
        Assert.True((bool)result["value"]!["closed"]!);
        Assert.Equal("Text", (string?)result["value"]!["polygonlabels"]![0]);
    }
}
