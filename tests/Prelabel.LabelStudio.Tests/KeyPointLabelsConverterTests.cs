using System.Text.Json.Nodes;
using Prelabel.LabelStudio.Config;
using Prelabel.LabelStudio.Converters;
using Prelabel.LabelStudio.Predictions;

namespace Prelabel.LabelStudio.Tests;

public class KeyPointLabelsConverterTests
{
    private static readonly ImageSize Size = new(200, 100);

    private static LabelingConfig Config(string attributes = "", bool withBboxControl = true) => LabelingConfig.Parse($"""
        <View>
          <Image name="image" value="$image"/>
          {(withBboxControl ? """<RectangleLabels name="pose_bbox" toName="image" model_skip="true"><Label value="Person" predicted_values="person"/></RectangleLabels>""" : "")}
          <KeyPointLabels name="pose" toName="image" {attributes}>
            <Label value="nose" predicted_values="person" model_index="0"/>
            <Label value="left_eye" predicted_values="person" model_index="1"/>
            <Label value="right_eye" predicted_values="person" model_index="2"/>
            <Label value="Head" predicted_values="person"/>
          </KeyPointLabels>
        </View>
        """);

    // Box (20,10)-(120,90); keypoint 3 has no label with model_index="3".
    private static DetectedPose Person(string className = "person", double score = 0.8) => new(
        new PixelPoint(20, 10), new PixelPoint(120, 90), className, score,
        [new PoseKeypoint(50, 20, 0.9), new PoseKeypoint(40, 15, 0.4), new PoseKeypoint(60, 15, 0.7), new PoseKeypoint(70, 30, 0.99)]);

    private static IReadOnlyList<JsonObject> Convert(LabelingConfig config, params DetectedPose[] poses)
    {
        var control = config.FindControl("pose")!;
        var results = KeyPointLabelsConverter.ToResults(control, "image", Size, poses, config.FindControl(KeyPointLabelsConverter.BboxControlName(control)));
        ResultRules.AssertAllValid(config, results);
        return results;
    }

    private static string Describe(JsonObject r) => $"{r["from_name"]}:{r["value"]![(string)r["type"]!]![0]}";

    public static TheoryData<string, bool, string, double> Attributes => new()
    {
        // Defaults: point size 1 px (0.5 % of 200), every mapped point, a parent box.
        { "", true, "pose_bbox:Person pose:nose pose:left_eye pose:right_eye", 0.5 },
        { """model_point_threshold="0.5" model_point_size="4" """, true, "pose_bbox:Person pose:nose pose:right_eye", 2 },
        { """model_point_threshold="0.95" """, true, "pose_bbox:Person", 0.5 },
        { """model_add_bboxes="false" """, true, "pose:nose pose:left_eye pose:right_eye", 0.5 },
        { "", false, "pose:nose pose:left_eye pose:right_eye", 0.5 },
    };

    [Theory]
    [MemberData(nameof(Attributes))]
    public void Points_and_the_parent_box_follow_the_yolo_attributes(string attributes, bool withBboxControl, string expected, double pointWidth)
    {
        var results = Convert(Config(attributes, withBboxControl), Person());

        Assert.Equal(expected, string.Join(" ", results.Select(Describe)));
        Assert.All(results.Where(r => (string?)r["type"] == "keypointlabels"), r => Assert.Equal(pointWidth, (double)r["value"]!["width"]!, 9));
    }

    [Fact]
    public void Points_are_percent_of_the_image_with_their_confidence_as_score()
    {
        var nose = Convert(Config(), Person()).Single(r => Describe(r) == "pose:nose");

        Assert.Equal("keypointlabels", (string?)nose["type"]);
        Assert.Equal((25.0, 20.0), ((double)nose["value"]!["x"]!, (double)nose["value"]!["y"]!));
        Assert.Equal(0.9, (double)nose["score"]!);
        Assert.Equal((200, 100), ((int)nose["original_width"]!, (int)nose["original_height"]!));
    }

    [Fact]
    public void Each_point_names_its_hidden_parent_box_in_parent_id_and_meta_text()
    {
        var results = Convert(Config(), Person(), Person(score: 0.6));

        var boxes = results.Where(r => (string?)r["type"] == "rectanglelabels").ToArray();
        Assert.Equal(["bbox-0", "bbox-1"], boxes.Select(b => (string?)b["id"]));
        Assert.All(boxes, b => Assert.True((bool)b["hidden"]!));
        Assert.All(boxes, b => Assert.Equal($"[\"{b["id"]}\"]", b["meta"]!["text"]!.ToJsonString()));
        Assert.Equal([10.0, 10.0, 50.0, 80.0, 0.0], new[] { "x", "y", "width", "height", "rotation" }.Select(k => (double)boxes[0]["value"]![k]!));
        Assert.Equal([0.8, 0.6], boxes.Select(b => (double)b["score"]!));
        var points = results.Where(r => (string?)r["type"] == "keypointlabels").ToArray();
        Assert.Equal(["bbox-0", "bbox-0", "bbox-0", "bbox-1", "bbox-1", "bbox-1"], points.Select(p => (string?)p["parentID"]));
        Assert.All(points, p => Assert.Equal($"[\"{p["parentID"]}\"]", p["meta"]!["text"]!.ToJsonString()));
        Assert.Equal(results.Count, results.Select(r => (string?)r["id"]).Distinct().Count());
    }

    [Fact]
    public void Without_a_parent_box_points_keep_their_group_in_meta_text_but_no_parent_id()
    {
        var points = Convert(Config("""model_add_bboxes="false" """), Person());

        Assert.All(points, p => Assert.Null(p["parentID"]));
        Assert.All(points, p => Assert.Equal("[\"bbox-0\"]", p["meta"]!["text"]!.ToJsonString()));
    }

    [Fact]
    public void A_pose_whose_class_no_label_names_is_left_out()
    {
        Assert.Empty(Convert(Config(), Person("dog")));
    }

    [Fact]
    public void A_box_partly_outside_the_image_is_clipped_to_it()
    {
        var pose = Person() with { BoxTopLeft = new PixelPoint(-40, -10), BoxBottomRight = new PixelPoint(250, 50) };

        var box = Convert(Config(), pose)[0]["value"]!;

        Assert.Equal([0.0, 0.0, 100.0, 50.0], new[] { "x", "y", "width", "height" }.Select(k => (double)box[k]!));
    }

    [Fact]
    public void The_point_map_keys_each_predicted_class_with_the_model_index()
    {
        var control = LabelingConfig.Parse("""
            <View><Image name="i" value="$i"/>
              <KeyPointLabels name="k" toName="i">
                <Label value="nose" predicted_values="person, cat" model_index=" 0 "/>
                <Label value="Tail" alias="tail" predicted_values="cat" model_index="5"/>
                <Label value="loose" predicted_values="person"/>
              </KeyPointLabels>
            </View>
            """).Controls[0];

        Assert.Equal(
            new Dictionary<string, string> { ["person::0"] = "nose", ["cat::0"] = "nose", ["cat::5"] = "tail" }.OrderBy(p => p.Key),
            KeyPointLabelsConverter.PointMap(control).OrderBy(p => p.Key));
    }

    [Theory]
    [InlineData("nose")]
    [InlineData("-1")]
    [InlineData("1.5")]
    public void A_model_index_that_is_not_a_keypoint_index_is_a_config_error(string index)
    {
        var control = LabelingConfig.Parse($"""<View><Image name="i" value="$i"/><KeyPointLabels name="k" toName="i"><Label value="nose" predicted_values="person" model_index="{index}"/></KeyPointLabels></View>""").Controls[0];

        var error = Assert.Throws<LabelingConfigException>(() => KeyPointLabelsConverter.PointMap(control));
        Assert.Contains($"model_index=\"{index}\"", error.Message);
    }
}
