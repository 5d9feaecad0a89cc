using System.Text.Json.Nodes;
using SkiaSharp;

namespace Prelabel.Picture.Tests;

public sealed class ResultReaderTests
{
    private readonly StringWriter warnings = new();

    [Fact]
    public void Percentages_become_pixels_of_the_picture()
    {
        var (marks, _) = Read("""{"id": "a", "type": "rectanglelabels", "score": 0.5, "value": {"x": 10, "y": 20, "width": 50, "height": 25, "rectanglelabels": ["Car"]}}""");

        Mark box = Assert.Single(marks);
        Assert.Equal([new SKPoint(20, 20), new SKPoint(120, 20), new SKPoint(120, 45), new SKPoint(20, 45)], box.Points);
        Assert.Equal("Car 0.50", box.Caption);
    }

    [Fact]
    public void A_rotated_box_turns_clockwise_about_its_top_left_corner()
    {
        var (marks, _) = Read("""{"type": "rectanglelabels", "value": {"x": 10, "y": 20, "width": 50, "height": 25, "rotation": 90, "rectanglelabels": ["Car"]}}""");

        // On 200x100 the box is 100x25 at (20, 20); turned 90 degrees its width runs down and its height to the left.
        SKPoint[] expected = [new(20, 20), new(20, 120), new(-5, 120), new(-5, 20)];
        var corners = Assert.Single(marks).Points;
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(expected[i].X, corners[i].X, 0.001f);
            Assert.Equal(expected[i].Y, corners[i].Y, 0.001f);
        }
    }

    [Fact]
    public void A_text_sharing_a_regions_id_joins_its_label()
    {
        var (marks, captions) = Read(
            """{"id": "a", "type": "polygonlabels", "score": 0.9, "value": {"points": [[0, 0], [10, 0], [10, 10]], "polygonlabels": ["Text"]}}""",
            """{"id": "a", "from_name": "t", "type": "textarea", "value": {"points": [[0, 0], [10, 0], [10, 10]], "text": ["hello", "world"]}}""");

        Assert.Equal("Text 0.90: hello / world", Assert.Single(marks).Caption);
        Assert.Empty(captions);
    }

    [Fact]
    public void Whole_image_results_become_caption_lines()
    {
        var (_, captions) = Read(
            """{"from_name": "scene", "type": "choices", "score": 0.25, "value": {"choices": ["Beach", "Sea"]}}""",
            """{"from_name": "kind", "type": "taxonomy", "value": {"taxonomy": [["Animal", "Dog"], ["Plant"]]}}""",
            """{"from_name": "page", "type": "textarea", "value": {"text": ["one", "two"]}}""");

        Assert.Equal(["scene: Beach, Sea 0.25", "kind: Animal / Dog, Plant", "page: one", "  two"], captions.Select(c => c.Text));
        Assert.Equal(LabelColors.Hashed("Dog"), captions[1].Background);
    }

    [Fact]
    public void Hidden_results_are_left_out_and_unknown_types_are_reported()
    {
        var (marks, captions) = Read(
            """{"type": "rectanglelabels", "hidden": true, "value": {"x": 0, "y": 0, "width": 1, "height": 1, "rectanglelabels": ["Box"]}}""",
            """{"type": "relation", "value": {}}""");

        Assert.Empty(marks);
        Assert.Empty(captions);
        Assert.Equal("picture: result 2 has type \"relation\", which is not drawn", warnings.ToString().Trim());
    }

    [Fact]
    public void A_region_without_labels_is_named_after_its_control()
    {
        var (marks, _) = Read("""{"from_name": "spot", "type": "keypoint", "value": {"x": 50, "y": 50, "width": 5}}""");

        Mark point = Assert.Single(marks);
        Assert.Equal("spot", point.Caption);
        Assert.Equal(new SKPoint(100, 50), point.Points[0]);
        Assert.Equal(5, point.Radius);
    }

    [Theory]
    [InlineData("""{"value": {}}""", "result 1 (?) has no \"type\"")]
    [InlineData("""{"type": "polygonlabels", "value": {"points": [[1, 2], [3]]}}""", "result 1 (polygonlabels) has point 2 that is not [x, y]")]
    [InlineData("""{"type": "brushlabels", "original_width": 4, "original_height": 4, "value": {"format": "rle", "rle": [0, 0, 0, 9]}}""", "result 1 (brushlabels) has an RLE that does not decode at 4x4")]
    [InlineData("""{"type": "brushlabels", "value": {"format": "rle", "rle": [1]}}""", "result 1 (brushlabels) has no number \"original_width\"")]
    [InlineData("""{"type": "choices", "value": {"choices": []}}""", "result 1 (choices) has no \"choices\" values")]
    public void Malformed_results_are_explained(string json, string message)
    {
        var e = Assert.Throws<PictureInputException>(() => Read(json));

        Assert.StartsWith(message, e.Message);
    }

    private (IReadOnlyList<Mark> Marks, IReadOnlyList<Caption> Captions) Read(params string[] results) =>
        new ResultReader(200, 100, new LabelColors(null), null, warnings).Read(results.Select(r => JsonNode.Parse(r)!.AsObject()).ToArray());
}
