using Prelabel.LabelStudio.Config;

namespace Prelabel.LabelStudio.Tests;

/// <summary>The seven cases of label-studio-ml-backend's tests/test_build_label_map.py, replayed.</summary>
public class LabelMapTests
{
    private static ControlTag Control(string labels) => LabelingConfig.Parse($"""
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="label" toName="image">{labels}</RectangleLabels>
        </View>
        """).Controls.Single();

    public static TheoryData<string, string[], string> Cases => new()
    {
        { "", ["car", "truck"], "" },
        { """<Label value="Car" predicted_values="car,truck"/><Label value="Airplane" predicted_values="airplane"/>""", ["car", "truck", "airplane"], "car=Car;truck=Car;airplane=Airplane" },
        { """<Label value="Car"/><Label value="Airplane"/>""", ["car", "airplane"], "car=Car;airplane=Airplane" },
        { """<Label value="Car" predicted_values="car"/><Label value="Plane" predicted_values="airplane"/><Label value="Flower"/>""", ["car", "airplane", "bicycle"], "car=Car;airplane=Plane" },
        { """<Label value="Car" predicted_values="car"/><Label value="Plane" predicted_values="airplane"/><Label value="Bicycle"/>""", ["car", "airplane", "bicycle"], "car=Car;airplane=Plane;bicycle=Bicycle" },
        { """<Label value="Car" predicted_values="car"/><Label value="Plane" predicted_values="airplane"/><Label value="Bicycle space"/>""", ["car", "airplane", "Bicycle space"], "car=Car;airplane=Plane;Bicycle space=Bicycle space" },
        { """<Label value="Car" predicted_values="car,truck"/><Label value="Airplane" predicted_values="jet"/>""", ["car", "truck"], "car=Car;truck=Car" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Build_maps_model_classes_to_config_labels(string labels, string[] modelClasses, string expected)
    {
        var map = LabelMap.Build(Control(labels), modelClasses);

        var expectedMap = expected.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(expectedMap.OrderBy(p => p.Key), map.OrderBy(p => p.Key));
    }

    [Fact]
    public void Build_keys_a_case_insensitive_match_by_the_model_spelling()
    {
        var map = LabelMap.Build(Control("""<Label value="text"/>"""), ["Text"]);

        Assert.Equal("text", map["Text"]);
    }

    [Fact]
    public void Build_uses_the_alias_as_the_result_value()
    {
        var map = LabelMap.Build(Control("""<Label value="Text" alias="T"/>"""), ["text"]);

        Assert.Equal("T", map["text"]);
    }

    [Fact]
    public void Build_tags_maps_to_the_label_tags_so_taxonomy_nodes_of_the_same_name_stay_apart()
    {
        var control = LabelingConfig.Parse("""
            <View><Image name="i" value="$i"/>
              <Taxonomy name="t" toName="i">
                <Choice value="Vehicle"><Choice value="Other" predicted_values="vehicle_other"/></Choice>
                <Choice value="Plant"><Choice value="Other" predicted_values="plant_other"/></Choice>
              </Taxonomy>
            </View>
            """).Controls[0];

        var map = LabelMap.BuildTags(control, ["vehicle_other", "plant_other"]);

        Assert.Equal(["Vehicle", "Other"], map["vehicle_other"].Path);
        Assert.Equal(["Plant", "Other"], map["plant_other"].Path);
        Assert.Equal(LabelMap.Build(control, ["vehicle_other", "plant_other"]).OrderBy(p => p.Key), map.Select(p => KeyValuePair.Create(p.Key, p.Value.ResultValue)).OrderBy(p => p.Key));
    }
}
