using Prelabel.LabelStudio.Config;
using Prelabel.LabelStudio.Converters;
using Prelabel.LabelStudio.Predictions;

namespace Prelabel.LabelStudio.Tests;

public class BrushLabelsConverterTests
{
    private static readonly LabelingConfig Config = LabelingConfig.Parse("""
        <View>
          <Image name="image" value="$image"/>
          <BrushLabels name="brush" toName="image"><Label value="Car"/><Label value="Road" alias="R"/></BrushLabels>
        </View>
        """);

    private static ControlTag Control => Config.Controls[0];

    private static readonly int[] Diagonal = [0, 0, 0, 16, 57, 27, 252, 127, 243, 128, 71, 254];

    [Theory]
    [InlineData("Car", 0.9, 0.9)]
    [InlineData("R", 0.25, 0.25)]
    [InlineData("Car", 1.5, 1.0)]
    public void A_mask_becomes_a_brushlabels_region_with_the_rle_and_the_common_fields(string label, double score, double expectedScore)
    {
        var result = BrushLabelsConverter.ToResult(Control, "image", new ImageSize(2, 2), "m1", label, score, Diagonal);

        ResultRules.AssertValid(Config, result);
        Assert.Equal(("m1", "brush", "image", "brushlabels"), ((string?)result["id"], (string?)result["from_name"], (string?)result["to_name"], (string?)result["type"]));
        Assert.Equal((2, 2, 0), ((int)result["original_width"]!, (int)result["original_height"]!, (int)result["image_rotation"]!));
        Assert.Equal(expectedScore, (double)result["score"]!);
        Assert.Equal($$"""{"format":"rle","rle":[{{string.Join(",", Diagonal)}}],"brushlabels":["{{label}}"]}""", result["value"]!.ToJsonString());
    }

    [Fact]
    public void From_mask_encodes_the_mask_at_the_original_size()
    {
        var size = new ImageSize(2, 2);

        var result = BrushLabelsConverter.FromMask(Control, "image", size, "m1", "Car", 0.9, [255, 0, 0, 255]);

        ResultRules.AssertValid(Config, result);
        Assert.Equal(BrushLabelsConverter.ToResult(Control, "image", size, "m1", "Car", 0.9, Diagonal).ToJsonString(), result.ToJsonString());
    }

    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { 0, 0, 0, 4, 256 })]
    [InlineData(new[] { -1 })]
    public void An_rle_label_studio_would_reject_is_refused(int[] rle) =>
        Assert.Throws<ArgumentException>(() => BrushLabelsConverter.ToResult(Control, "image", new ImageSize(1, 1), "m1", "Car", 0.5, rle));
}
