using System.Text.Json.Nodes;
using Prelabel.LabelStudio.Config;

namespace Prelabel.LabelStudio.Tests;

public class LabelingConfigTests
{
    private const string Ocr = """
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="bbox" toName="image" model_score_threshold="0.25" model_path="ocr.onnx">
            <Label value="Text" predicted_values="text, line"/>
            <Label value="Handwriting" background="red"/>
          </RectangleLabels>
          <TextArea name="transcription" toName="image" perRegion="true" editable="true"/>
          <Choices name="kind" toName="image" choice="multiple" model_skip="true">
            <Choice value="Receipt"/><Choice value="Letter"/>
          </Choices>
        </View>
        """;

    [Fact]
    public void Parse_reads_object_and_control_tags_with_their_attributes()
    {
        var config = LabelingConfig.Parse(Ocr);

        var image = Assert.Single(config.Objects);
        Assert.Equal(("image", "Image", "image"), (image.Name, image.Type, image.DataKey));
        Assert.Equal(["bbox", "transcription", "kind"], config.Controls.Select(c => c.Name));
        var bbox = config.Controls[0];
        Assert.Equal("rectanglelabels", bbox.ResultType);
        Assert.Equal(["image"], bbox.ToName);
        Assert.Equal(["Text", "Handwriting"], bbox.Labels.Select(l => l.Value));
        Assert.Equal(["text", "line"], bbox.Labels[0].PredictedValues);
        Assert.Equal(0.25, bbox.ScoreThreshold(0.5));
        Assert.Equal("ocr.onnx", bbox.ModelPath);
        Assert.True(config.Controls[1].PerRegion);
        Assert.True(config.Controls[2].ModelSkip);
        Assert.Equal("multiple", config.Controls[2].Choice);
    }

    [Fact]
    public void Score_threshold_falls_back_to_the_deprecated_attribute_then_the_setting()
    {
        var config = LabelingConfig.Parse("""
            <View><Image name="i" value="$i"/>
              <RectangleLabels name="a" toName="i" score_threshold="0.4"/>
              <RectangleLabels name="b" toName="i"/>
            </View>
            """);

        Assert.Equal(0.4, config.Controls[0].ScoreThreshold(0.5));
        Assert.Equal(0.5, config.Controls[1].ScoreThreshold(0.5));
    }

    [Fact]
    public void A_threshold_that_is_not_a_number_is_reported_with_the_tag()
    {
        var control = LabelingConfig.Parse("""<View><Image name="i" value="$i"/><RectangleLabels name="a" toName="i" model_score_threshold="high"/></View>""").Controls[0];

        var error = Assert.Throws<LabelingConfigException>(() => control.ScoreThreshold(0.5));
        Assert.Contains("model_score_threshold=\"high\"", error.Message);
    }

    [Fact]
    public void Taxonomy_labels_carry_their_path_from_the_root()
    {
        var control = LabelingConfig.Parse("""
            <View><Image name="i" value="$i"/>
              <Taxonomy name="t" toName="i"><Choice value="Animal"><Choice value="Dog"/></Choice><Choice value="Car"/></Taxonomy>
            </View>
            """).Controls[0];

        Assert.Equal(["Animal", "Dog", "Car"], control.Labels.Select(l => l.Value));
        Assert.Equal(["Animal", "Dog"], control.Labels[1].Path);
    }

    [Fact]
    public void A_dtd_is_refused_so_entities_cannot_expand()
    {
        const string bomb = """<?xml version="1.0"?><!DOCTYPE v [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><View><Text name="t" value="&b;"/></View>""";

        var error = Assert.Throws<LabelingConfigException>(() => LabelingConfig.Parse(bomb));
        Assert.Contains("DTD", error.Message);
    }

    [Fact]
    public void An_oversized_config_is_refused()
    {
        var huge = "<View>" + new string(' ', LabelingConfig.MaxCharacters) + "</View>";

        var error = Assert.Throws<LabelingConfigException>(() => LabelingConfig.Parse(huge));
        Assert.Contains("limit", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<View>")]
    [InlineData("not xml")]
    public void Invalid_xml_is_a_config_error(string xml) =>
        Assert.Throws<LabelingConfigException>(() => LabelingConfig.Parse(xml));

    [Fact]
    public void Data_value_comes_from_the_object_key_then_the_storage_sync_key()
    {
        var image = LabelingConfig.Parse(Ocr).Objects[0];

        Assert.Equal("/data/upload/1/a.jpg", LabelingConfig.ResolveDataValue(JsonNode.Parse("""{"image":"/data/upload/1/a.jpg"}""")!.AsObject(), image));
        Assert.Equal("azure-blob://images/a.jpg", LabelingConfig.ResolveDataValue(JsonNode.Parse("""{"$undefined$":"azure-blob://images/a.jpg"}""")!.AsObject(), image));
        Assert.Null(LabelingConfig.ResolveDataValue(JsonNode.Parse("""{"img":"x"}""")!.AsObject(), image));
    }

    [Fact]
    public void A_literal_object_value_is_used_as_is()
    {
        var image = LabelingConfig.Parse("""<View><Image name="i" value="https://example.org/a.jpg"/></View>""").Objects[0];

        Assert.Null(image.DataKey);
        Assert.Equal("https://example.org/a.jpg", LabelingConfig.ResolveDataValue(null, image));
    }

    [Fact]
    public void Find_control_finds_a_control_by_name_and_nothing_else()
    {
        var config = LabelingConfig.Parse(Ocr);

        Assert.Equal("TextArea", config.FindControl("transcription")?.Type);
        Assert.Null(config.FindControl("image"));
    }
}
