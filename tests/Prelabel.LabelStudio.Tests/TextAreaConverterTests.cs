using Prelabel.LabelStudio.Config;
using Prelabel.LabelStudio.Converters;
using Prelabel.LabelStudio.Predictions;

namespace Prelabel.LabelStudio.Tests;

public class TextAreaConverterTests
{
    private static readonly LabelingConfig Config = LabelingConfig.Parse("""
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="bbox" toName="image"><Label value="Text"/></RectangleLabels>
          <TextArea name="transcription" toName="image" perRegion="true"/>
        </View>
        """);

    private static readonly ImageSize Size = new(200, 100);

    [Fact]
    public void Per_region_text_shares_the_region_id_and_geometry()
    {
        var region = RectangleLabelsConverter.ToResult(Config.Controls[0], "image", Size, RectangleLabelsConverterTests.Quad(20, 10, 120, 10, 120, 60, 20, 60));

        var text = TextAreaConverter.ToRegionResult(Config.Controls[1], region, "HELLO");

        ResultRules.AssertValid(Config, text);
        Assert.Equal(("r1", "transcription", "textarea"), ((string?)text["id"], (string?)text["from_name"], (string?)text["type"]));
        Assert.Equal("HELLO", (string?)text["value"]!["text"]![0]);
        Assert.False(text["value"]!.AsObject().ContainsKey("rectanglelabels"));
        Assert.Equal(10.0, (double)text["value"]!["x"]!);
        Assert.Equal("rectanglelabels", (string?)region["type"]);
    }

    [Theory]
    [InlineData(new[] { "one line" }, "[\"one line\"]")]
    [InlineData(new[] { "first", "second" }, "[\"first\",\"second\"]")]
    [InlineData(new string[0], "[]")]
    public void Whole_image_text_has_one_item_per_line(string[] lines, string text)
    {
        var result = TextAreaConverter.ToImageResult(Config.Controls[1], "image", Size, "t1", lines, 0.7);

        ResultRules.AssertValid(Config, result);
        Assert.Equal(("t1", "textarea", 0.7), ((string?)result["id"], (string?)result["type"], (double)result["score"]!));
        Assert.Equal(text, result["value"]!["text"]!.ToJsonString());
    }
}
