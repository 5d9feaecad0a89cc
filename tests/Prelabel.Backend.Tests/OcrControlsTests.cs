using System.Numerics;
using Prelabel.Inference;
using Prelabel.Inference.Models;
using Prelabel.Inference.Ocr;
using Prelabel.LabelStudio.Config;

namespace Prelabel.Backend.Tests;

public class OcrControlsTests
{
    private static readonly TextPage Page = new(200, 100,
    [
        Line(10, 10, 110, 30, "first line", 0.9f),
        Line(10, 50, 90, 70, "faint", 0.3f),
        Line(120, 50, 190, 70, "", 0.95f),
    ], StageTimings.None);

    private static TextLine Line(float x0, float y0, float x1, float y1, string text, float score) =>
        new([new Vector2(x0, y0), new Vector2(x1, y0), new Vector2(x1, y1), new Vector2(x0, y1)], text, score, 1f);

    /// <summary>Planning reads no model file, so readers over a folder that does not exist (loading would throw) are enough here.</summary>
    internal static ControlPlanner Planner(double threshold = 0.5) => new(
        new PaddleOcr(new PaddleOcrOptions { ModelDirectory = Path.Combine(Path.GetTempPath(), "prelabel-planning-loads-no-model") }),
        new ModelRegistry(new ModelRegistryOptions()),
        new LearnedStates(new LearnedStateFiles(Path.Combine(Path.GetTempPath(), "prelabel-no-learned-state"))),
        new BackendOptions { ModelScoreThreshold = threshold });

    private static IReadOnlyList<OcrControls> Plan(string controls, double threshold = 0.5) =>
        Planner(threshold).Plan(LabelingConfig.Parse($"""<View><Image name="image" value="$image"/>{controls}</View>""")).Cast<OcrControls>().ToArray();

    [Fact]
    public void Rectangles_keep_lines_above_the_threshold_and_texts_share_their_ids()
    {
        var prediction = Assert.Single(Plan("""
            <RectangleLabels name="label" toName="image"><Label value="Text"/></RectangleLabels>
            <TextArea name="transcription" toName="image" perRegion="true"/>
            """)).ToPrediction(Page);

        var boxes = prediction.Result.Where(r => (string?)r["type"] == "rectanglelabels").ToArray();
        Assert.Equal(["label-0", "label-2"], boxes.Select(b => (string?)b["id"]));
        var text = Assert.Single(prediction.Result, r => (string?)r["type"] == "textarea");
        Assert.Equal(("label-0", "first line"), ((string?)text["id"], (string?)text["value"]!["text"]![0]));
        Assert.Equal((0.9 + 0.95) / 2, prediction.Score, 6);
    }

    [Fact]
    public void A_control_threshold_overrides_the_setting()
    {
        var prediction = Assert.Single(Plan("""<RectangleLabels name="label" toName="image" model_score_threshold="0.2"><Label value="Text"/></RectangleLabels>""")).ToPrediction(Page);

        Assert.Equal(3, prediction.Result.Count);
    }

    [Fact]
    public void A_label_reaches_the_text_class_through_predicted_values()
    {
        var prediction = Assert.Single(Plan("""<PolygonLabels name="poly" toName="image"><Label value="Words" predicted_values="text"/></PolygonLabels>""")).ToPrediction(Page);

        Assert.All(prediction.Result, r => Assert.Equal("Words", (string?)r["value"]!["polygonlabels"]![0]));
    }

    [Fact]
    public void A_plain_text_area_gets_the_page_text_one_line_per_item()
    {
        var prediction = Assert.Single(Plan("""<TextArea name="page" toName="image" model_score_threshold="0.1"/>""")).ToPrediction(Page);

        var text = Assert.Single(prediction.Result);
        Assert.Equal(["first line", "faint"], text["value"]!["text"]!.AsArray().Select(t => (string?)t));
        Assert.Equal((0.9 + 0.3) / 2, prediction.Score, 6);
    }

    [Fact]
    public void Nothing_found_is_an_empty_prediction_with_score_zero()
    {
        var prediction = Assert.Single(Plan("""<RectangleLabels name="label" toName="image"><Label value="Text"/></RectangleLabels>"""))
            .ToPrediction(Page with { Lines = [] });

        Assert.Empty(prediction.Result);
        Assert.Equal(0, prediction.Score);
    }

    [Fact]
    public void Skipped_controls_and_other_tags_are_left_alone()
    {
        var plan = Assert.Single(Plan("""
            <RectangleLabels name="label" toName="image"><Label value="Text"/></RectangleLabels>
            <RectangleLabels name="skipped" toName="image" model_skip="true"><Label value="Text"/></RectangleLabels>
            <Choices name="kind" toName="image"><Choice value="Receipt"/></Choices>
            """));

        Assert.All(plan.ToPrediction(Page).Result, r => Assert.Equal("label", (string?)r["from_name"]));
    }

    [Theory]
    [InlineData("""<RectangleLabels name="label" toName="image"><Label value="Car"/></RectangleLabels>""", "needs a detect model")]
    [InlineData("""<Choices name="kind" toName="image"><Choice value="A"/></Choices>""", "needs a classify model")]
    [InlineData("""<RectangleLabels name="label" toName="image" model_path="../secrets.onnx"><Label value="Car"/></RectangleLabels>""", "MODEL_DIR is not set")]
    [InlineData("""<KeyPointLabels name="kp" toName="image"><Label value="Nose"/></KeyPointLabels>""", "needs a pose model")]
    [InlineData("""<Ellipse name="e" toName="image"/>""", "no model fills Ellipse")]
    [InlineData("""<TextArea name="t" toName="image" perRegion="true"/>""", "No suitable control tags")]
    [InlineData("""<RectangleLabels name="label" toName="image" model_skip="true"><Label value="Text"/></RectangleLabels>""", "model_skip")]
    [InlineData("""<RectangleLabels name="label" toName="missing"><Label value="Text"/></RectangleLabels>""", "is not an <Image>")]
    public void A_config_the_model_cannot_fill_is_a_422_that_says_why(string controls, string reason)
    {
        var error = Assert.Throws<BackendException>(() => Plan(controls));

        Assert.Equal(422, error.Status);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_config_without_controls_asks_for_nothing()
    {
        Assert.Empty(Planner().Plan(LabelingConfig.Parse("<View></View>")));
    }
}
